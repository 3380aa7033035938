package dev.storyline.console.web;

import dev.storyline.console.ConsoleProperties;
import org.springframework.stereotype.Component;

/**
 * Paths of the scripts the layout loads (PageModel hands them to every page). The htmx path
 * carries the webjar's version (filled in by Maven from the pom), so no locator library is needed.
 */
@Component
public class Assets {

    private final String htmxScript;

    Assets(ConsoleProperties properties) {
        this.htmxScript = properties.htmxScript();
    }

    public String getHtmxScript() {
        return htmxScript;
    }
}
