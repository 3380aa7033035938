package dev.storyline.contracts.events;

/**
 * A post could not be delivered by any route (e.g. Telegram refused it after retries).
 * Recorded in history and alerted, never silently dropped.
 */
public record PostFailed(String stage, String error) implements EventPayload {

    public PostFailed {
        Events.requireText(stage, "stage");
        Events.requireText(error, "error");
    }

    @Override
    public String routingKey() {
        return "post.failed";
    }
}
