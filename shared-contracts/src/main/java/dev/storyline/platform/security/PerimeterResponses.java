package dev.storyline.platform.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * Every refusal of the perimeter as a short JSON body naming what is wrong; never an exception's class
 * or a stack trace. The paths are Spring's decoded view, the same one the rules were checked on.
 */
final class PerimeterResponses
        implements AuthenticationEntryPoint, AccessDeniedHandler, AuthenticationFailureHandler, RequestRejectedHandler {

    private static final Logger log = LoggerFactory.getLogger(PerimeterResponses.class);

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        write(response, 401, "missing or wrong " + secretFor(request));
    }

    @Override
    public void onAuthenticationFailure(
            HttpServletRequest request, HttpServletResponse response, AuthenticationException e) throws IOException {
        write(response, 401, e.getMessage() + ": " + secretFor(request) + " expected");
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        write(response, 403, "this token does not open this path; " + secretFor(request) + " expected");
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException e)
            throws IOException {
        log.debug("rejected a request: {}", e.getMessage());
        write(
                response,
                400,
                "request rejected: the URL holds a path parameter, an encoded or doubled separator, "
                        + "or a method or character that is not allowed");
    }

    private static String secretFor(HttpServletRequest request) {
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        return path.startsWith("/internal/") || path.equals("/internal")
                ? "internal token (Authorization: Bearer <STORYLINE_INTERNAL_TOKEN>)"
                : "admin token (Authorization: Bearer <STORYLINE_ADMIN_TOKEN>)";
    }

    private static void write(HttpServletResponse response, int status, String error) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        response.setStatus(status);
        response.setHeader("Cache-Control", "no-store");
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write("{\"error\":\"" + error.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}");
    }
}
