package dev.storyline.telegram.botapi;

import dev.storyline.telegram.TelegramProperties;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Runs a send with Telegram's retry rules: a 429 waits the {@code retry_after} it carries (capped,
 * so a flood-wait of hours cannot freeze the consumer), other transient failures back off
 * exponentially, permanent ones (4xx) are not retried. The last failure is thrown to the caller,
 * which reports it — a send is never dropped silently.
 */
@Component
public class Retrying {

    private static final Logger log = LoggerFactory.getLogger(Retrying.class);

    public interface Attempt<T> {
        T run() throws BotApiException;
    }

    private final TelegramProperties.Send send;

    public Retrying(TelegramProperties properties) {
        this.send = properties.send();
    }

    /** {@code beforeEach} runs before every attempt (e.g. renews a claim) and may throw to stop. */
    public <T> T call(String what, Runnable beforeEach, Attempt<T> attempt) throws BotApiException {
        return call(what, Instant.MAX, beforeEach, attempt);
    }

    /**
     * As above, giving up once another wait and call could end after {@code deadline}, so a handler's
     * total time stays bounded. An unconfirmed failure is never repeated here: the request may have
     * taken effect, and a blind resend would post twice.
     */
    public <T> T call(String what, Instant deadline, Runnable beforeEach, Attempt<T> attempt) throws BotApiException {
        for (int n = 1; ; n++) {
            beforeEach.run();
            try {
                return attempt.run();
            } catch (BotApiException e) {
                if (e.permanent() || e.unconfirmed() || n >= send.maxAttempts()) {
                    throw e;
                }
                Duration wait =
                        e.retryAfter() != null ? min(e.retryAfter(), send.maxRetryAfter()) : send.backoffBefore(n + 1);
                if (!deadline.equals(Instant.MAX)
                        && Instant.now().plus(wait).plus(send.callTimeout()).isAfter(deadline)) {
                    log.warn(
                            "{}: attempt {} failed ({}) and no retry fits in the time left: {}",
                            what,
                            n,
                            e.kind(),
                            e.getMessage());
                    throw e;
                }
                log.warn(
                        "{}: attempt {} of {} failed ({}), next in {} ms: {}",
                        what,
                        n,
                        send.maxAttempts(),
                        e.kind(),
                        wait.toMillis(),
                        e.getMessage());
                sleep(wait);
            }
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static void sleep(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to retry a Telegram call", e);
        }
    }
}
