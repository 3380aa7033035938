package dev.storyline.contracts.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.time.Instant;
import java.util.Objects;

/**
 * An account's token was refreshed or replaced. Never carries the token itself.
 *
 * @param generation the new token's generation at token-worker: it only grows, so a consumer keeps the state
 *                   of the newest token whatever order events arrive in; null from older senders
 */
public record TokenRefreshed(Instant expiresAt, Long generation) implements EventPayload {

    @JsonCreator
    public TokenRefreshed {
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    public TokenRefreshed(Instant expiresAt) {
        this(expiresAt, null);
    }

    @Override
    public String routingKey() {
        return "token.refreshed";
    }
}
