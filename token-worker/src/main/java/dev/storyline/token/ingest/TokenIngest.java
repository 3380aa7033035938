package dev.storyline.token.ingest;

import dev.storyline.contracts.events.EventEnvelope;
import dev.storyline.contracts.events.TokenRefreshFailed;
import dev.storyline.contracts.events.TokenRefreshed;
import dev.storyline.platform.outbox.Outbox;
import dev.storyline.token.crypto.AccessToken;
import dev.storyline.token.crypto.TokenCipher;
import dev.storyline.token.store.LoginType;
import dev.storyline.token.store.NewToken;
import dev.storyline.token.store.StoredToken;
import dev.storyline.token.store.TokenStore;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Puts a token into the store (from the environment or the admin API) and tells the others: a new
 * token emits {@link TokenRefreshed}, which is what makes the scheduler route the account's posts
 * through the API again after a failure.
 */
@Component
public class TokenIngest {

    private static final Logger log = LoggerFactory.getLogger(TokenIngest.class);
    private static final Pattern ACCOUNT_ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");

    /** A token to store. {@code expiresAt} null means unknown (assumed 60 days, learned at the first refresh). */
    public record Put(
            String accountId,
            LoginType loginType,
            String instagramUserId,
            AccessToken token,
            Instant expiresAt,
            List<String> scopes,
            String source) {}

    private final TokenStore store;
    private final TokenCipher cipher;
    private final Outbox outbox;
    private final TransactionTemplate transactions;
    private final Clock clock;

    public TokenIngest(
            TokenStore store, TokenCipher cipher, Outbox outbox, TransactionTemplate transactions, Clock clock) {
        this.store = store;
        this.cipher = cipher;
        this.outbox = outbox;
        this.transactions = transactions;
        this.clock = clock;
    }

    public UUID put(Put put) {
        return put(put, () -> {});
    }

    /** Stores the token; {@code alsoInTransaction} commits (or rolls back) together with it. */
    public UUID put(Put put, Runnable alsoInTransaction) {
        requireAccountId(put.accountId());
        Instant now = clock.instant();
        if (put.expiresAt() != null && !put.expiresAt().isAfter(now)) {
            throw new IllegalArgumentException(
                    "expiresAt " + put.expiresAt() + " is in the past: that token cannot be used or refreshed");
        }
        // PostgreSQL keeps microseconds; truncate so the row and the TokenRefreshed event say the same instant
        Instant expiresAt = (put.expiresAt() != null ? put.expiresAt() : now.plus(StoredToken.LONG_LIVED))
                .truncatedTo(ChronoUnit.MICROS);
        NewToken token = new NewToken(
                put.accountId(),
                put.loginType(),
                blankToNull(put.instagramUserId()),
                cipher.seal(put.accountId(), put.token()),
                now,
                expiresAt,
                put.expiresAt() == null,
                put.scopes() == null ? List.of() : put.scopes(),
                put.source());
        UUID id = transactions.execute(status -> {
            UUID inserted = store.replace(token, now);
            alsoInTransaction.run();
            outbox.append(EventEnvelope.forAccount(
                    put.accountId(), new TokenRefreshed(expiresAt, store.generationOf(inserted))));
            return inserted;
        });
        log.info(
                "stored a new {} token for account '{}' from {} (expires {}{}, key {})",
                put.loginType().wireName(),
                put.accountId(),
                put.source(),
                expiresAt,
                put.expiresAt() == null ? ", assumed" : "",
                token.sealed().keyId());
        return id;
    }

    /** Revokes the account's token; its posts go to Telegram until a new one is put. */
    public boolean revoke(String accountId, String by) {
        Instant now = clock.instant();
        Boolean revoked = transactions.execute(status -> {
            Optional<Long> generation = store.revokeActive(accountId, now);
            if (generation.isEmpty()) {
                return false;
            }
            outbox.append(EventEnvelope.forAccount(
                    accountId, new TokenRefreshFailed("token revoked by " + by, null, 0, generation.get(), by)));
            return true;
        });
        if (Boolean.TRUE.equals(revoked)) {
            log.warn("token of account '{}' revoked by {}", accountId, by);
        }
        return Boolean.TRUE.equals(revoked);
    }

    static void requireAccountId(String accountId) {
        if (accountId == null || !ACCOUNT_ID.matcher(accountId).matches()) {
            throw new IllegalArgumentException(
                    "account id must be lower-case letters, digits, - or _ (got '" + accountId + "')");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
