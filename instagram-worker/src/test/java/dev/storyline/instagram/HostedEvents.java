package dev.storyline.instagram;

import dev.storyline.contracts.events.EventEnvelope;
import dev.storyline.contracts.events.MediaHosted;
import dev.storyline.contracts.events.PostContent;
import dev.storyline.testkit.fakes.FakeGraphApi;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/** MediaHosted events as upload-worker sends them. */
public final class HostedEvents {

    private HostedEvents() {}

    public static EventEnvelope<MediaHosted> image(String igUserId, boolean dryRun) {
        return hosted("default", igUserId, null, "memes/cat.jpg", "image/jpeg", dryRun);
    }

    public static EventEnvelope<MediaHosted> video(String igUserId, boolean dryRun) {
        return hosted("default", igUserId, null, "clips/cat.mp4", "video/mp4", dryRun);
    }

    /** A live image post of {@code accountId}, hosted by the fake at its media URL. */
    public static EventEnvelope<MediaHosted> image(String accountId, String igUserId, FakeGraphApi hosting) {
        return hosted(accountId, igUserId, hosting, "memes/cat.jpg", "image/jpeg", false);
    }

    public static EventEnvelope<MediaHosted> video(String accountId, String igUserId, FakeGraphApi hosting) {
        return hosted(accountId, igUserId, hosting, "clips/cat.mp4", "video/mp4", false);
    }

    private static EventEnvelope<MediaHosted> hosted(
            String accountId, String igUserId, FakeGraphApi hosting, String path, String mime, boolean dryRun) {
        PostContent content = new PostContent(
                UUID.randomUUID(),
                path,
                mime,
                path.substring(0, path.indexOf('/')),
                "ab".repeat(32),
                123_456,
                "Cat",
                "a cat",
                null,
                List.of("cats"),
                false);
        UUID postId = UUID.randomUUID();
        String file = postId + "-" + path.substring(path.indexOf('/') + 1);
        String url = hosting == null ? "https://media.example.test/" + file : hosting.mediaUrl(igUserId, file);
        return EventEnvelope.forPost(
                accountId,
                postId,
                new MediaHosted(
                        content,
                        url,
                        "local",
                        "public-" + postId,
                        Instant.now().plus(1, ChronoUnit.HOURS),
                        igUserId,
                        dryRun));
    }

    /** Another event about the same post (a new eventId, as a re-dispatch by the scheduler would carry). */
    public static EventEnvelope<MediaHosted> again(EventEnvelope<MediaHosted> event) {
        return new EventEnvelope<>(
                UUID.randomUUID(),
                event.type(),
                event.schemaVersion(),
                Instant.now(),
                event.accountId(),
                event.postId(),
                event.correlationId(),
                event.payload());
    }
}
