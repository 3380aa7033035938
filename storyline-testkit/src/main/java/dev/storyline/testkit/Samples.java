package dev.storyline.testkit;

import dev.storyline.contracts.events.EventEnvelope;
import dev.storyline.contracts.events.EventPayload;
import dev.storyline.contracts.events.EventType;
import dev.storyline.contracts.events.FallbackReason;
import dev.storyline.contracts.events.FallbackRequested;
import dev.storyline.contracts.events.MediaHosted;
import dev.storyline.contracts.events.PostContent;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/** Sample events and post content for tests that need a valid one and do not care which. */
public final class Samples {

    private Samples() {}

    public static PostContent content() {
        return new PostContent(
                UUID.randomUUID(),
                "memes/cat.jpg",
                "image/jpeg",
                "memes",
                "ab".repeat(32),
                1234,
                "Cat",
                "a cat",
                null,
                List.of("cats"),
                false);
    }

    public static EventEnvelope<MediaHosted> mediaHosted(String publicId) {
        return EventEnvelope.forPost(
                "default",
                UUID.randomUUID(),
                new MediaHosted(
                        content(),
                        "http://localhost/media/x",
                        "local",
                        publicId,
                        Instant.now().plus(1, ChronoUnit.HOURS),
                        "17841400000",
                        true));
    }

    /** A fallback as instagram-worker reports it; {@code generation} is the token generation it used, if known. */
    public static FallbackRequested fallback(FallbackReason reason, Long generation) {
        return new FallbackRequested(content(), reason, "from Meta", null, generation);
    }

    /**
     * An envelope of {@code account} that happened at {@code occurredAt}, for tests that decide the order in
     * which events arrive; a fallback belongs to a post of its own, other payloads to none.
     */
    public static <P extends EventPayload> EventEnvelope<P> at(String account, Instant occurredAt, P payload) {
        UUID post = UUID.randomUUID();
        return new EventEnvelope<>(
                UUID.randomUUID(),
                EventType.of(payload).wireName(),
                EventType.CURRENT_SCHEMA_VERSION,
                occurredAt,
                account,
                payload instanceof FallbackRequested ? post : null,
                post,
                payload);
    }
}
