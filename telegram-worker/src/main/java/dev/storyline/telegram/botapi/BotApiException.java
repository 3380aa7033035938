package dev.storyline.telegram.botapi;

import java.time.Duration;

/**
 * A Bot API call that did not succeed, classified for the caller: wait {@link #retryAfter()} (429),
 * another poller holds the token (409), retry later (network, 5xx), or give up (other 4xx).
 * Messages are redacted: the token is part of every request URL.
 */
public class BotApiException extends Exception {

    /**
     * UNCONFIRMED: the request may have reached Telegram (a timeout or a broken connection after it was
     * sent): repeating a send could post the message twice.
     */
    public enum Kind {
        RATE_LIMITED,
        CONFLICT,
        TRANSIENT,
        PERMANENT,
        UNCONFIRMED
    }

    private final Kind kind;
    private final Integer errorCode;
    private final Duration retryAfter;

    BotApiException(Kind kind, Integer errorCode, Duration retryAfter, String message) {
        super(message);
        this.kind = kind;
        this.errorCode = errorCode;
        this.retryAfter = retryAfter;
    }

    public Kind kind() {
        return kind;
    }

    public Integer errorCode() {
        return errorCode;
    }

    /** Telegram's {@code parameters.retry_after} on a 429, else null. */
    public Duration retryAfter() {
        return retryAfter;
    }

    public boolean permanent() {
        return kind == Kind.PERMANENT;
    }

    public boolean unconfirmed() {
        return kind == Kind.UNCONFIRMED;
    }

    /** Editing a message to what it already shows is a 400 that means "nothing to do". */
    public boolean notModified() {
        return getMessage() != null && getMessage().contains("message is not modified");
    }
}
