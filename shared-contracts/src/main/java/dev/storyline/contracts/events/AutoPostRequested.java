package dev.storyline.contracts.events;

import java.time.Instant;
import java.util.Objects;

/**
 * A person on Telegram handed a manual post back to the API (the 🤖 Auto post button) once the
 * account's API was healthy again. Not an outcome: the scheduler dispatches the post on the automatic
 * route, and its outcome comes later as PostPublished or, if the API fails again, FallbackRequested.
 */
public record AutoPostRequested(long telegramUserId, String telegramUsername, Instant requestedAt)
        implements EventPayload {

    public AutoPostRequested {
        Objects.requireNonNull(requestedAt, "requestedAt");
    }

    @Override
    public String routingKey() {
        return "post.auto-requested";
    }
}
