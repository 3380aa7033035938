package dev.storyline.testkit;

import dev.storyline.contracts.events.EventEnvelope;
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
}
