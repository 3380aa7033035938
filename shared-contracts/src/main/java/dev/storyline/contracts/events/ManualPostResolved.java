package dev.storyline.contracts.events;

import java.time.Instant;
import java.util.Objects;

/** A person on Telegram decided what happened to a manual post. The first decision wins. */
public record ManualPostResolved(ManualAction action, long telegramUserId, String telegramUsername, Instant resolvedAt)
        implements EventPayload {

    public ManualPostResolved {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(resolvedAt, "resolvedAt");
    }

    @Override
    public String routingKey() {
        return "post.manual-resolved";
    }
}
