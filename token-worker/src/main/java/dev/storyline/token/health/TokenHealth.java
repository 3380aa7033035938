package dev.storyline.token.health;

import dev.storyline.token.TokenProperties;
import dev.storyline.token.store.StoredToken;
import dev.storyline.token.store.TokenStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Health per account from the stored expiry and the last refresh outcome. */
@Component
public class TokenHealth {

    private final TokenStore store;
    private final TokenProperties properties;
    private final Clock clock;

    public TokenHealth(TokenStore store, TokenProperties properties, Clock clock) {
        this.store = store;
        this.properties = properties;
        this.clock = clock;
    }

    public List<TokenStatus> all() {
        Instant now = clock.instant();
        return store.latestPerAccount().stream().map(t -> status(t, now)).toList();
    }

    public Optional<TokenStatus> of(String accountId) {
        return all().stream().filter(s -> s.accountId().equals(accountId)).findFirst();
    }

    static double hoursUntil(Instant now, Instant expiresAt) {
        return Math.round(Duration.between(now, expiresAt).toSeconds() / 36.0) / 100.0;
    }

    private TokenStatus status(StoredToken t, Instant now) {
        boolean expired = !t.expiresAt().isAfter(now);
        boolean failed = t.refreshFailedAt() != null;
        String state = !t.active() ? "revoked" : expired ? "expired" : failed ? "refresh_failed" : "ok";
        boolean needsRefresh =
                t.active() && (t.expiryAssumed() || !t.expiresAt().isAfter(now.plus(properties.refreshBuffer())));
        return new TokenStatus(
                t.accountId(),
                state,
                "ok".equals(state),
                t.loginType(),
                t.instagramUserId(),
                t.issuedAt(),
                t.expiresAt(),
                t.expiryAssumed(),
                hoursUntil(now, t.expiresAt()),
                needsRefresh,
                t.lastRefreshedAt(),
                t.refreshFailedAt(),
                t.lastError(),
                t.sealed().keyId(),
                t.revokedAt(),
                t.generation(),
                t.valueStoredAt());
    }
}
