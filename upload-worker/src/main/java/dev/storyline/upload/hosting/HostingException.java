package dev.storyline.upload.hosting;

/**
 * A provider could not host or delete a copy. {@linkplain #isTransient() Transient} failures (5xx,
 * 429, timeouts, connection resets) are worth retrying; the others (bad credentials, bad request,
 * unreadable media) are not, and the post falls back to Telegram at once.
 */
public class HostingException extends RuntimeException {

    private final boolean transientFailure;

    private HostingException(String message, boolean transientFailure, Throwable cause) {
        super(message, cause);
        this.transientFailure = transientFailure;
    }

    public static HostingException transientFailure(String message, Throwable cause) {
        return new HostingException(message, true, cause);
    }

    public static HostingException permanent(String message, Throwable cause) {
        return new HostingException(message, false, cause);
    }

    /** Transient for 408, 429 and 5xx; permanent for the other 4xx (and anything else). */
    public static HostingException forStatus(int status, String message, Throwable cause) {
        boolean retry = status == 408 || status == 429 || status >= 500;
        return new HostingException(message, retry, cause);
    }

    public boolean isTransient() {
        return transientFailure;
    }
}
