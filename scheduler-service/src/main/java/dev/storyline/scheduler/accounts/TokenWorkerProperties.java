package dev.storyline.scheduler.accounts;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the scheduler re-checks an account whose token it believes unhealthy: token-worker's admin API
 * ({@code GET /api/accounts/{account}/token}, token health only, never a token), with the scheduler's own
 * {@code STORYLINE_ADMIN_TOKEN}. The scheduler needs no other secret for it, and never
 * {@code STORYLINE_INTERNAL_TOKEN}, which would let it read token values.
 *
 * @param url            TOKEN_WORKER_URL; unset: no re-check (the account waits for token-worker's events)
 * @param recheckInterval TOKEN_RECHECK_INTERVAL
 * @param timeout        bound of one whole call
 */
@Validated
@ConfigurationProperties("storyline.token-worker")
public record TokenWorkerProperties(
        String url,
        @DefaultValue("15m") Duration recheckInterval,
        @DefaultValue("10s") Duration timeout) {

    public TokenWorkerProperties {
        if (url != null && !url.isBlank()) {
            URI uri;
            try {
                uri = URI.create(url.strip());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "TOKEN_WORKER_URL must be an http(s) URL like http://token-worker:8084 (got '" + url + "')");
            }
            if (uri.getScheme() == null || !uri.getScheme().matches("https?") || uri.getHost() == null) {
                throw new IllegalArgumentException(
                        "TOKEN_WORKER_URL must be an http(s) URL like http://token-worker:8084 (got '" + url + "')");
            }
        }
        if (recheckInterval == null || recheckInterval.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException(
                    "TOKEN_RECHECK_INTERVAL must be at least 1s, e.g. 15m (got " + recheckInterval + ")");
        }
    }

    public boolean enabled() {
        return url != null && !url.isBlank();
    }
}
