package dev.storyline.token.health;

import dev.storyline.token.store.LoginType;
import java.time.Instant;

/**
 * An account's token health for the admin API. Everything an operator needs to act, and by
 * construction nothing that could leak the token (no value, no ciphertext).
 *
 * @param valid        active, not expired, and the last refresh did not fail
 * @param needsRefresh inside the refresh buffer (or expiry unknown); the loop takes it once old enough
 * @param generation    grows with every new value (put or refresh); events about the token carry it
 * @param valueStoredAt when the current value was stored (last refresh or put)
 */
public record TokenStatus(
        String accountId,
        String state,
        boolean valid,
        LoginType loginType,
        String instagramUserId,
        Instant issuedAt,
        Instant expiresAt,
        boolean expiryAssumed,
        double hoursToExpiry,
        boolean needsRefresh,
        Instant lastRefreshedAt,
        Instant refreshFailedAt,
        String lastError,
        String keyId,
        Instant revokedAt,
        long generation,
        Instant valueStoredAt) {}
