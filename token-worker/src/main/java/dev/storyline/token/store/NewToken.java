package dev.storyline.token.store;

import dev.storyline.token.crypto.Sealed;
import java.time.Instant;
import java.util.List;

/** What is known about a token when it enters the store (ingest or admin put). */
public record NewToken(
        String accountId,
        LoginType loginType,
        String instagramUserId,
        Sealed sealed,
        Instant issuedAt,
        Instant expiresAt,
        boolean expiryAssumed,
        List<String> scopes,
        String source) {}
