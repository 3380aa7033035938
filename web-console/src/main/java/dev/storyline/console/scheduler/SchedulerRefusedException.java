package dev.storyline.console.scheduler;

import java.util.Map;

/**
 * The scheduler understood the request and refused it (4xx problem details): the post is resolved
 * already, the account is unknown, a value is not allowed. {@link #getMessage()} is its {@code detail},
 * checked to be plain words, fit to show as is.
 */
public class SchedulerRefusedException extends RuntimeException {

    private final int status;
    private final Map<String, String> fields;

    public SchedulerRefusedException(int status, String message) {
        this(status, message, Map.of());
    }

    /** With the fields the refusal names (the problem's {@code errors}): field name to what is allowed. */
    public SchedulerRefusedException(int status, String message, Map<String, String> fields) {
        super(message, null, false, false);
        this.status = status;
        this.fields = Map.copyOf(fields);
    }

    /** Each field the scheduler named, with what it allows in plain words; empty when it named none. */
    public Map<String, String> fields() {
        return fields;
    }

    public int status() {
        return status;
    }

    public boolean conflict() {
        return status == 409;
    }
}
