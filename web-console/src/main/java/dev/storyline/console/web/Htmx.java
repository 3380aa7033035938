package dev.storyline.console.web;

import jakarta.servlet.http.HttpServletRequest;

/** htmx sends {@code HX-Request: true}: such a request gets a fragment, a plain form post a redirect. */
public final class Htmx {

    private Htmx() {}

    public static boolean isHtmx(HttpServletRequest request) {
        return "true".equals(request.getHeader("HX-Request"));
    }
}
