package dev.storyline.contracts.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.Objects;

/**
 * The automatic route failed; the post must reach Telegram. Carries the content so the
 * Telegram worker needs nothing else.
 *
 * @param hostedUrl the hosted copy if one exists (may be null), useful for files too large to upload to Telegram
 * @param tokenGeneration generation of the token the API call used (see {@link TokenRefreshed#generation()}), so
 *                        a TOKEN_EXPIRED about a token that has since been refreshed is recognised as stale;
 *                        null when unknown
 */
public record FallbackRequested(
        PostContent content, FallbackReason reasonCode, String message, String hostedUrl, Long tokenGeneration)
        implements EventPayload {

    @JsonCreator
    public FallbackRequested {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(reasonCode, "reasonCode");
        Events.requireText(message, "message");
    }

    public FallbackRequested(PostContent content, FallbackReason reasonCode, String message, String hostedUrl) {
        this(content, reasonCode, message, hostedUrl, null);
    }

    @Override
    public String routingKey() {
        return "post.fallback." + reasonCode.name().toLowerCase();
    }
}
