package dev.storyline.scheduler.accounts;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What the scheduler believes about an account's API route, and which signal put it there. Signals
 * (token refreshed or put, refresh failed, token rejected, rate limited) arrive out of order: a
 * fallback can be processed after the refresh that made it stale. {@link #apply} keeps the state of
 * the newest signal whatever the order:
 * <ul>
 *   <li>token signals are ordered by token generation when both sides know it (within one generation a
 *       failure comes after the token was stored), otherwise by when they happened;</li>
 *   <li>a rate limit rests the route until the latest {@code occurred + pause}, never shorter.</li>
 * </ul>
 *
 * @param tokenGeneration generation of the token the state is about; null when the signal that set it did not say
 * @param tokenStateAt    when that signal happened; null before any
 * @param apiPausedUntil  the route rests until then after a rate limit; null: never paused
 */
public record ApiHealth(boolean tokenHealthy, Long tokenGeneration, Instant tokenStateAt, Instant apiPausedUntil) {

    public enum Kind {
        TOKEN_OK,
        TOKEN_FAILED,
        RATE_LIMITED
    }

    /** One signal: what it says, about which token generation (null: unknown), and when it happened. */
    public record Signal(Kind kind, Long generation, Instant at) {

        public Signal {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(at, "at");
        }
    }

    public static final ApiHealth INITIAL = new ApiHealth(true, null, null, null);

    public ApiHealth apply(Signal signal, Duration rateLimitPause) {
        if (signal.kind() == Kind.RATE_LIMITED) {
            Instant until = signal.at().plus(rateLimitPause);
            return apiPausedUntil != null && !until.isAfter(apiPausedUntil)
                    ? this
                    : new ApiHealth(tokenHealthy, tokenGeneration, tokenStateAt, until);
        }
        if (!isNewerTokenSignal(signal)) {
            return this;
        }
        boolean healthy = signal.kind() == Kind.TOKEN_OK;
        Instant at = tokenStateAt == null || signal.at().isAfter(tokenStateAt) ? signal.at() : tokenStateAt;
        // A signal that does not name its generation leaves the generation unknown: from then on only time orders
        return new ApiHealth(healthy, signal.generation(), at, apiPausedUntil);
    }

    private boolean isNewerTokenSignal(Signal signal) {
        boolean failure = signal.kind() == Kind.TOKEN_FAILED;
        int order;
        if (tokenGeneration != null && signal.generation() != null) {
            order = Long.compare(signal.generation(), tokenGeneration);
        } else if (tokenStateAt == null) {
            return true;
        } else {
            order = signal.at().compareTo(tokenStateAt);
        }
        // at the same generation (or instant) a failure is the later news: a token fails after it was stored
        return order > 0 || (order == 0 && failure && tokenHealthy);
    }
}
