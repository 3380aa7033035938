package dev.storyline.contracts.json;

/**
 * An event that no retry can fix: it goes to the dead-letter queue with {@link #reason()} and the
 * message in its headers, and the consumer carries on.
 */
public class RejectedEventException extends RuntimeException {

    public enum Reason {
        MALFORMED,
        UNKNOWN_TYPE,
        UNSUPPORTED_SCHEMA_VERSION,
        NO_HANDLER,
        PERMANENT_FAILURE,
        RETRIES_EXHAUSTED
    }

    private final Reason reason;

    public RejectedEventException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public RejectedEventException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
