package dev.storyline.token;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * @param refreshBuffer     a token expiring within this is refreshed (Meta's long-lived tokens last 60 days)
 * @param minimumAge        Meta refuses to refresh a token younger than 24 h
 * @param retryAfterFailure after a persistent failure the loop waits this long before calling Meta again,
 *                          so a dead token does not hammer the API every tick (the alert is already out)
 * @param signalCooldown    many posts can report TOKEN_EXPIRED at once; one check per cooldown is enough
 * @param loopsEnabled      off only in tests that drive refreshes by hand
 */
@Validated
@ConfigurationProperties("storyline.token")
public record TokenProperties(
        @NotNull(message = "set TOKEN_REFRESH_INTERVAL (e.g. 1h)")
        Duration refreshInterval,

        @NotNull(message = "set TOKEN_REFRESH_BUFFER (e.g. 7d)")
        Duration refreshBuffer,

        @NotNull(message = "set TOKEN_MINIMUM_AGE (e.g. 24h)")
        Duration minimumAge,

        @NotNull(message = "set TOKEN_RETRY_AFTER_FAILURE (e.g. 6h)")
        Duration retryAfterFailure,

        @NotNull(message = "set TOKEN_SIGNAL_COOLDOWN (e.g. 10m)")
        Duration signalCooldown,

        boolean loopsEnabled) {

    public TokenProperties {
        if (refreshInterval != null && (refreshInterval.isZero() || refreshInterval.isNegative())) {
            throw new IllegalArgumentException("TOKEN_REFRESH_INTERVAL must be positive");
        }
    }
}
