package dev.storyline.contracts.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.time.Instant;

/**
 * Refreshing an account's token failed persistently: the account's posts go to Telegram until fixed.
 *
 * @param generation generation of the token that failed (see {@link TokenRefreshed#generation()}); null from
 *                   older senders
 * @param revokedBy  who revoked the token (e.g. admin-api, meta-deauthorize) when it was revoked rather than
 *                   failing to refresh; null for a failed refresh and from older senders
 */
public record TokenRefreshFailed(String reason, Instant expiresAt, int attempts, Long generation, String revokedBy)
        implements EventPayload {

    @JsonCreator
    public TokenRefreshFailed {
        Events.requireText(reason, "reason");
    }

    public TokenRefreshFailed(String reason, Instant expiresAt, int attempts, Long generation) {
        this(reason, expiresAt, attempts, generation, null);
    }

    public TokenRefreshFailed(String reason, Instant expiresAt, int attempts) {
        this(reason, expiresAt, attempts, null, null);
    }

    @Override
    public String routingKey() {
        return "token.refresh-failed";
    }
}
