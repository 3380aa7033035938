package dev.storyline.telegram.scheduler;

/** A scheduler admin API call that did not succeed; the message is fit to show in the chat. */
public class SchedulerApiException extends Exception {

    SchedulerApiException(String message) {
        super(message);
    }
}
