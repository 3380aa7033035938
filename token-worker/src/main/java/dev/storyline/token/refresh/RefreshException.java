package dev.storyline.token.refresh;

/**
 * A refresh call failed. The message is built by us from the status and Meta's error fields, with
 * the token and app secret scrubbed out; the request URL (which carries both) is never part of it.
 *
 * @param transientFailure worth retrying (network, timeout, 5xx, 429) as opposed to a refusal (4xx)
 */
public class RefreshException extends RuntimeException {

    private final boolean transientFailure;
    private final int attempts;

    public RefreshException(String message, boolean transientFailure) {
        this(message, transientFailure, 1);
    }

    private RefreshException(String message, boolean transientFailure, int attempts) {
        super(message, null, false, false);
        this.transientFailure = transientFailure;
        this.attempts = attempts;
    }

    public RefreshException afterAttempts(int attempts) {
        return new RefreshException(getMessage(), transientFailure, attempts);
    }

    public boolean transientFailure() {
        return transientFailure;
    }

    public int attempts() {
        return attempts;
    }
}
