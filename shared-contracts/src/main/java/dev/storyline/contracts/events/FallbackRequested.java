package dev.storyline.contracts.events;

import java.util.Objects;

/**
 * The automatic route failed; the post must reach Telegram. Carries the content so the
 * Telegram worker needs nothing else.
 *
 * @param hostedUrl the hosted copy if one exists (may be null), useful for files too large to upload to Telegram
 */
public record FallbackRequested(
        PostContent content,
        FallbackReason reasonCode,
        String message,
        String hostedUrl) implements EventPayload {

    public FallbackRequested {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(reasonCode, "reasonCode");
        Events.requireText(message, "message");
    }

    @Override
    public String routingKey() {
        return "post.fallback." + reasonCode.name().toLowerCase();
    }
}
