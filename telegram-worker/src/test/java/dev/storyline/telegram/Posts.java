package dev.storyline.telegram;

import dev.storyline.contracts.events.EventEnvelope;
import dev.storyline.contracts.events.FallbackReason;
import dev.storyline.contracts.events.FallbackRequested;
import dev.storyline.contracts.events.PostContent;
import dev.storyline.contracts.events.PostRequested;
import dev.storyline.contracts.events.Route;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Sample requests and the media folder they point into. */
final class Posts {

    static final Path MEDIA_ROOT = mediaFolder();

    private Posts() {}

    static EventEnvelope<PostRequested> manual(String mediaPath, String mimeType) {
        return manual("default", mediaPath, mimeType);
    }

    static EventEnvelope<PostRequested> manual(String account, String mediaPath, String mimeType) {
        UUID postId = UUID.randomUUID();
        PostContent content = new PostContent(
                UUID.randomUUID(),
                mediaPath,
                mimeType,
                "memes",
                "0".repeat(64),
                1234,
                "Title " + postId,
                "Look at this",
                "https://example.com/shop",
                List.of("fun", "#cats"),
                true);
        return EventEnvelope.forPost(
                account,
                postId,
                new PostRequested(content, Route.MANUAL, "requires_interaction", "17841400000", Instant.now(), false));
    }

    /** A photo routed to Telegram because the account's API was off: no stickers needed, so 🤖 Auto post is offered. */
    static EventEnvelope<PostRequested> apiOffPhoto(String account) {
        UUID postId = UUID.randomUUID();
        PostContent content = new PostContent(
                UUID.randomUUID(),
                "memes/first.jpg",
                "image/jpeg",
                "memes",
                "0".repeat(64),
                1234,
                "Title " + postId,
                "Look at this",
                null,
                List.of(),
                false);
        return EventEnvelope.forPost(
                account,
                postId,
                new PostRequested(content, Route.MANUAL, "api_disabled", "17841400000", Instant.now(), false));
    }

    static EventEnvelope<PostRequested> manualPhoto() {
        return manual("memes/first.jpg", "image/jpeg");
    }

    static EventEnvelope<FallbackRequested> fallback(
            String mediaPath, String mimeType, FallbackReason reason, String message, String hostedUrl) {
        EventEnvelope<PostRequested> requested = manual(mediaPath, mimeType);
        return requested.followedBy(new FallbackRequested(requested.payload().content(), reason, message, hostedUrl));
    }

    private static Path mediaFolder() {
        try {
            Path root = Files.createTempDirectory("storyline-telegram-media");
            Files.createDirectories(root.resolve("memes"));
            Files.write(root.resolve("memes/first.jpg"), new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 1, 2, 3});
            Files.write(
                    root.resolve("memes/clip.mp4"), new byte[] {0, 0, 0, 0x18, 'f', 't', 'y', 'p', 'm', 'p', '4', '2'});
            Files.write(root.resolve("memes/huge.jpg"), new byte[11 * 1024 * 1024]);
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
