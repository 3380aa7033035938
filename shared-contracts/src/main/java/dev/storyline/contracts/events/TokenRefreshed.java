package dev.storyline.contracts.events;

import java.time.Instant;
import java.util.Objects;

/** An account's token was refreshed or replaced. Never carries the token itself. */
public record TokenRefreshed(Instant expiresAt) implements EventPayload {

    public TokenRefreshed {
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    @Override
    public String routingKey() {
        return "token.refreshed";
    }
}
