package dev.storyline.token.store;

import dev.storyline.token.crypto.Sealed;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One row of api_tokens: everything about a token except its plaintext, which stays {@link Sealed}.
 * {@code generation} grows with every new value (put or refresh) and is what events about the token carry.
 */
public record StoredToken(
        UUID id,
        String accountId,
        String service,
        String tokenType,
        LoginType loginType,
        String instagramUserId,
        Sealed sealed,
        Instant issuedAt,
        Instant expiresAt,
        boolean expiryAssumed,
        Instant lastRefreshedAt,
        List<String> scopes,
        String metadata,
        Instant createdAt,
        Instant revokedAt,
        Instant lastRefreshAttemptAt,
        Instant refreshFailedAt,
        String lastError,
        long generation) {

    /** Meta's long-lived tokens last 60 days; a token of unknown age is assumed to be fresh. */
    public static final Duration LONG_LIVED = Duration.ofDays(60);

    /** When the current value was stored: the last refresh, or the put that created the row. */
    public Instant valueStoredAt() {
        return lastRefreshedAt != null && lastRefreshedAt.isAfter(createdAt) ? lastRefreshedAt : createdAt;
    }

    public boolean active() {
        return revokedAt == null;
    }
}
