package dev.storyline.contracts.events;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * Every event travels in this envelope. {@code postId} is the scheduler's queue item and is null
 * for account-level events (tokens, alerts); {@code correlationId} ties a post's events together.
 */
public record EventEnvelope<P extends EventPayload>(
        UUID eventId,
        String type,
        int schemaVersion,
        Instant occurredAt,
        String accountId,
        UUID postId,
        UUID correlationId,
        P payload) {

    public EventEnvelope {
        Objects.requireNonNull(eventId, "eventId");
        Events.requireText(type, "type");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Events.requireText(accountId, "accountId");
        Objects.requireNonNull(correlationId, "correlationId");
        Objects.requireNonNull(payload, "payload");
    }

    /** A new event about a post; the correlation id is the post id so a post's events can be followed. */
    public static <P extends EventPayload> EventEnvelope<P> forPost(String accountId, UUID postId, P payload) {
        return new EventEnvelope<>(
                UUID.randomUUID(),
                EventType.of(payload).wireName(),
                EventType.CURRENT_SCHEMA_VERSION,
                Instant.now(),
                accountId,
                Objects.requireNonNull(postId, "postId"),
                postId,
                payload);
    }

    /** A new event about an account rather than a post. */
    public static <P extends EventPayload> EventEnvelope<P> forAccount(String accountId, P payload) {
        return new EventEnvelope<>(
                UUID.randomUUID(),
                EventType.of(payload).wireName(),
                EventType.CURRENT_SCHEMA_VERSION,
                Instant.now(),
                accountId,
                null,
                UUID.randomUUID(),
                payload);
    }

    /** The next event in the same story: same account, post and correlation. */
    public <N extends EventPayload> EventEnvelope<N> followedBy(N next) {
        return new EventEnvelope<>(
                UUID.randomUUID(),
                EventType.of(next).wireName(),
                EventType.CURRENT_SCHEMA_VERSION,
                Instant.now(),
                accountId,
                postId,
                correlationId,
                next);
    }

    public EventType eventType() {
        return EventType.byWireName(type).orElseThrow();
    }

    public String routingKey() {
        return payload.routingKey();
    }
}
