package dev.storyline.telegram.manual;

import dev.storyline.contracts.events.EventEnvelope;
import dev.storyline.contracts.events.EventPayload;
import dev.storyline.contracts.events.EventType;
import dev.storyline.contracts.events.ManualAction;
import dev.storyline.platform.lease.Claim;
import java.time.Instant;
import java.util.UUID;

/**
 * A row of {@code manual_posts}; {@code claim} is the sender's claim on it while SENDING (null if none).
 * {@code resolvedVia} is null for a decision tapped on Telegram, else the face it came through (see
 * {@link ResolvedElsewhere}).
 */
public record ManualPost(
        UUID postId,
        String accountId,
        UUID correlationId,
        Status status,
        Claim claim,
        int claims,
        String chatId,
        Long messageId,
        MessageKind kind,
        String caption,
        ManualAction resolvedAction,
        Long resolvedById,
        String resolvedByName,
        Instant resolvedAt,
        boolean autoPost,
        String resolvedVia) {

    /** HANDED_BACK: a person gave the post back to the API (🤖 Auto post); a later fallback reopens it. */
    public enum Status {
        SENDING,
        SENT,
        RESOLVED,
        FAILED,
        HANDED_BACK
    }

    public boolean resolvedElsewhere() {
        return status == Status.RESOLVED && resolvedVia != null;
    }

    public boolean finished() {
        return status != Status.SENDING;
    }

    /** The next event in this post's story, for code that has the row but not the request's envelope. */
    public <P extends EventPayload> EventEnvelope<P> event(P payload, Instant at) {
        return new EventEnvelope<>(
                UUID.randomUUID(),
                EventType.of(payload).wireName(),
                EventType.CURRENT_SCHEMA_VERSION,
                at,
                accountId,
                postId,
                correlationId,
                payload);
    }
}
