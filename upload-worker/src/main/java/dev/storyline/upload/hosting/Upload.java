package dev.storyline.upload.hosting;

import java.time.Instant;
import java.util.UUID;

/** A row of {@code uploads}: the hosted copy of one post's media. */
public record Upload(
        UUID postId,
        String accountId,
        String provider,
        String publicId,
        String mediaPath,
        String mimeType,
        String url,
        Instant expiresAt,
        UUID hostedEventId,
        Instant createdAt,
        Instant deletedAt) {

    /** Not deleted and still reachable at {@code instant}. */
    public boolean liveAt(Instant instant) {
        return deletedAt == null && expiresAt.isAfter(instant);
    }
}
