package dev.storyline.console.scheduler;

/**
 * The scheduler understood the request and refused it (4xx problem details): the post is resolved
 * already, the account is unknown, a value is not allowed. {@link #getMessage()} is its {@code detail},
 * checked to be plain words, fit to show as is.
 */
public class SchedulerRefusedException extends RuntimeException {

    private final int status;

    public SchedulerRefusedException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }

    public boolean conflict() {
        return status == 409;
    }
}
