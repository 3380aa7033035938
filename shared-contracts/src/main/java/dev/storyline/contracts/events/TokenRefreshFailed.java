package dev.storyline.contracts.events;

import java.time.Instant;

/** Refreshing an account's token failed persistently: the account's posts go to Telegram until fixed. */
public record TokenRefreshFailed(String reason, Instant expiresAt, int attempts) implements EventPayload {

    public TokenRefreshFailed {
        Events.requireText(reason, "reason");
    }

    @Override
    public String routingKey() {
        return "token.refresh-failed";
    }
}
