package dev.storyline.console.web;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Paths of the scripts the layout loads (PageModel hands them to every page). The htmx path
 * carries the webjar's version (filled in by Maven from the pom), so no locator library is needed.
 */
@Component
public class Assets {

    private final String htmxScript;

    Assets(@Value("${storyline.console.htmx-script}") String htmxScript) {
        this.htmxScript = htmxScript;
    }

    public String getHtmxScript() {
        return htmxScript;
    }
}
