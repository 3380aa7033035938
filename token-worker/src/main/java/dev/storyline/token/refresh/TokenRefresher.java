package dev.storyline.token.refresh;

import dev.storyline.contracts.events.AdminAlert;
import dev.storyline.contracts.events.AlertSeverity;
import dev.storyline.contracts.events.EventEnvelope;
import dev.storyline.contracts.events.TokenRefreshFailed;
import dev.storyline.contracts.events.TokenRefreshed;
import dev.storyline.platform.outbox.Outbox;
import dev.storyline.token.TokenProperties;
import dev.storyline.token.crypto.AccessToken;
import dev.storyline.token.crypto.TokenCipher;
import dev.storyline.token.crypto.TokenDecryptionException;
import dev.storyline.token.store.StoredToken;
import dev.storyline.token.store.TokenStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Refreshes tokens before they expire. Reads what is due, calls Meta outside any transaction, then
 * records the outcome and its event in one transaction: a refreshed token with {@link TokenRefreshed}
 * (the scheduler marks the account healthy), a persistent failure with {@link TokenRefreshFailed}
 * and an {@link AdminAlert} (the scheduler routes the account's posts to Telegram until fixed).
 */
@Component
public class TokenRefresher {

    private static final Logger log = LoggerFactory.getLogger(TokenRefresher.class);

    private final TokenStore store;
    private final TokenCipher cipher;
    private final RefreshClient client;
    private final RefreshLock lock;
    private final Outbox outbox;
    private final TransactionTemplate transactions;
    private final TokenProperties properties;
    private final Clock clock;
    private final Counter succeeded;
    private final Counter failed;

    public TokenRefresher(
            TokenStore store,
            TokenCipher cipher,
            RefreshClient client,
            RefreshLock lock,
            Outbox outbox,
            TransactionTemplate transactions,
            TokenProperties properties,
            Clock clock,
            MeterRegistry meters) {
        this.store = store;
        this.cipher = cipher;
        this.client = client;
        this.lock = lock;
        this.outbox = outbox;
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
        // both registered up front, so an alert on the failure rate sees a 0 series before the first failure
        this.succeeded = refreshes(meters, "success");
        this.failed = refreshes(meters, "failure");
    }

    private static Counter refreshes(MeterRegistry meters, String outcome) {
        return Counter.builder("storyline_token_refreshes_total")
                .description("Token refreshes stored (success) or recorded as failed (failure)")
                .tag("outcome", outcome)
                .register(meters);
    }

    /** The loop's pass: refreshes every token that is due, unless another instance is already at it. */
    public RefreshResult refreshDue() {
        RefreshResult result = lock.tryWithLock(() -> {
            RefreshResult total = RefreshResult.NOTHING;
            // read under the lock: a pass that just finished elsewhere has already moved the expiries
            for (StoredToken token : store.dueForRefresh(
                    clock.instant(),
                    properties.refreshBuffer(),
                    properties.minimumAge(),
                    properties.retryAfterFailure())) {
                total = total.plus(refresh(token));
            }
            return total;
        });
        return result == null ? RefreshResult.BUSY : result;
    }

    /**
     * instagram-worker saw the account's token rejected (TOKEN_EXPIRED): check it now, whatever the
     * buffer says. A successful refresh proves it works; a failure marks the account unhealthy.
     *
     * @param reportedAt when the rejection happened
     * @param generation generation of the token that was rejected, null when the sender did not say; a
     *                   signal about an older generation, or older than the current value, is stale
     */
    public RefreshResult checkNow(String accountId, Instant reportedAt, Long generation) {
        RefreshResult result = lock.tryWithLock(() -> {
            Optional<StoredToken> active = store.active(accountId);
            if (active.isEmpty()) {
                log.info("TOKEN_EXPIRED for account '{}', which has no active token: nothing to check", accountId);
                return RefreshResult.NOTHING;
            }
            StoredToken token = active.get();
            Instant now = clock.instant();
            // the rejected token is not the current one when it is of an older generation or, when the sender
            // did not say which, when the current value was stored (put or refreshed) after the rejection
            boolean stale = generation != null
                    ? generation < token.generation()
                    : token.valueStoredAt().isAfter(reportedAt);
            if (stale) {
                log.info(
                        "TOKEN_EXPIRED for account '{}' is about an older token than the current one; ignored",
                        accountId);
                return RefreshResult.NOTHING;
            }
            if (token.lastRefreshAttemptAt() != null
                    && token.lastRefreshAttemptAt().isAfter(now.minus(properties.signalCooldown()))) {
                log.info(
                        "TOKEN_EXPIRED for account '{}': checked {} ago already; waiting for the cooldown",
                        accountId,
                        Duration.between(token.lastRefreshAttemptAt(), now).toSeconds() + "s");
                return RefreshResult.NOTHING;
            }
            if (token.issuedAt().isAfter(now.minus(properties.minimumAge()))) {
                // Meta will not refresh a token this young, and Instagram just rejected it: it is not usable
                return fail(
                        token,
                        "Instagram rejected the token (TOKEN_EXPIRED) and it is too young to refresh; "
                                + "put a new token for the account",
                        0);
            }
            return refresh(token);
        });
        if (result == null) {
            // another instance is refreshing right now; the consumer retries this signal with backoff
            throw new IllegalStateException("another token refresher holds the lock; retrying the TOKEN_EXPIRED check");
        }
        return result;
    }

    private RefreshResult refresh(StoredToken token) {
        AccessToken current;
        try {
            current = cipher.open(token.accountId(), token.sealed());
        } catch (TokenDecryptionException e) {
            return fail(token, e.getMessage(), 0);
        }
        try {
            Refreshed refreshed = client.refresh(token.accountId(), token.loginType(), current);
            return succeed(token, refreshed);
        } catch (RefreshException e) {
            return fail(token, e.getMessage(), e.attempts());
        }
    }

    private RefreshResult succeed(StoredToken token, Refreshed refreshed) {
        Instant now = clock.instant();
        boolean stored = Boolean.TRUE.equals(transactions.execute(status -> {
            Optional<Long> generation = store.recordRefresh(
                    token.id(),
                    cipher.seal(token.accountId(), refreshed.token()),
                    refreshed.expiresAt(),
                    refreshed.expiryAssumed(),
                    now);
            if (generation.isEmpty()) {
                return false;
            }
            outbox.append(EventEnvelope.forAccount(
                    token.accountId(), new TokenRefreshed(refreshed.expiresAt(), generation.get())));
            return true;
        }));
        if (!stored) {
            log.info(
                    "token of account '{}' was replaced or revoked during its refresh; the refreshed value is dropped",
                    token.accountId());
            return RefreshResult.NOTHING;
        }
        succeeded.increment();
        log.info(
                "refreshed the {} token of account '{}' after {} attempt(s); it now expires {}{}",
                token.loginType().wireName(),
                token.accountId(),
                refreshed.attempts(),
                refreshed.expiresAt(),
                refreshed.expiryAssumed() ? " (assumed)" : "");
        return new RefreshResult(1, 0, false);
    }

    private RefreshResult fail(StoredToken token, String reason, int attempts) {
        Instant now = clock.instant();
        String account = token.accountId();
        boolean recorded = Boolean.TRUE.equals(transactions.execute(status -> {
            if (!store.recordFailure(token.id(), reason, now)) {
                return false;
            }
            outbox.append(EventEnvelope.forAccount(
                    account, new TokenRefreshFailed(reason, token.expiresAt(), attempts, token.generation())));
            outbox.append(EventEnvelope.forAccount(
                    account,
                    new AdminAlert(
                            "token-refresh-failed:" + account,
                            AlertSeverity.CRITICAL,
                            alertText(token, reason, attempts, now))));
            return true;
        }));
        if (recorded) {
            failed.increment();
            log.error(
                    "token refresh for account '{}' failed after {} attempt(s): {}; its posts go to Telegram until a new token is put",
                    account,
                    attempts,
                    reason);
        }
        return new RefreshResult(0, recorded ? 1 : 0, false);
    }

    private static String alertText(StoredToken token, String reason, int attempts, Instant now) {
        long hoursLeft = Duration.between(now, token.expiresAt()).toHours();
        return "Instagram token of account '" + token.accountId() + "' ("
                + token.loginType().wireName()
                + ") could not be refreshed" + (attempts > 0 ? " after " + attempts + " attempt(s)" : "") + ": "
                + reason
                + ". It " + (hoursLeft > 0 ? "expires in about " + hoursLeft + " h" : "has expired")
                + ". Posts for this account go to Telegram until a new token is put "
                + "(PUT /api/accounts/" + token.accountId() + "/token on token-worker).";
    }
}
