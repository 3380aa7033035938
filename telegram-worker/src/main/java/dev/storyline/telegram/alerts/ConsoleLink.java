package dev.storyline.telegram.alerts;

import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Where the admins' alerts send a person to act: the web console's public address (CONSOLE_PUBLIC_URL), so a
 * token alert links straight to Reconnect for its account. Unset: the alerts carry no link.
 */
@Validated
@ConfigurationProperties("storyline.telegram.console")
public record ConsoleLink(
        @Pattern(
                regexp = "(https?://[^\\s?#]+)?",
                message = "CONSOLE_PUBLIC_URL must be the console's address, e.g. https://storyline.example.com")
        String publicUrl) {

    /** The console page that reconnects this account's Instagram token, or empty when no console is set. */
    String reconnect(String account) {
        if (publicUrl == null || publicUrl.isBlank()) {
            return "";
        }
        String base = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
        return base + "/connect?account="
                + java.net.URLEncoder.encode(account, java.nio.charset.StandardCharsets.UTF_8);
    }
}
