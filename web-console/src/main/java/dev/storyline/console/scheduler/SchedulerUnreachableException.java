package dev.storyline.console.scheduler;

/**
 * The scheduler did not answer usefully: not reachable, too slow, broken (5xx) or refusing the console's
 * token. Pages show a banner and render what they can; the message is for people, in plain words.
 */
public class SchedulerUnreachableException extends RuntimeException {

    public SchedulerUnreachableException(String message) {
        super(message, null, false, false);
    }
}
