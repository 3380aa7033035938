package dev.storyline.telegram.botapi;

import dev.storyline.telegram.TelegramProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * Runs a send with Telegram's retry rules: a 429 waits the {@code retry_after} it carries (capped,
 * so a flood-wait of hours cannot freeze the consumer), other transient failures back off
 * exponentially, permanent ones (4xx) are not retried. The last failure is thrown to the caller,
 * which reports it — a send is never dropped silently (LESSONS 19).
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
        for (int n = 1; ; n++) {
            beforeEach.run();
            try {
                return attempt.run();
            } catch (BotApiException e) {
                if (e.permanent() || n >= send.maxAttempts()) {
                    throw e;
                }
                Duration wait = e.retryAfter() != null ? min(e.retryAfter(), send.maxRetryAfter()) : send.backoffBefore(n + 1);
                log.warn("{}: attempt {} of {} failed ({}), next in {} ms: {}", what, n, send.maxAttempts(), e.kind(),
                        wait.toMillis(), e.getMessage());
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
