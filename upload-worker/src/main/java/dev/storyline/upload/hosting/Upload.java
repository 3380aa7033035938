package dev.storyline.upload.hosting;

import java.time.Instant;
import java.util.UUID;

/**
 * A row of {@code uploads}: one post's hosting, from its claim ({@link #UPLOADING}) to its hosted
 * copy ({@link #HOSTED}) or its fallback to Telegram ({@link #FAILED}). The copy columns may be null
 * while a first upload is under way or after it failed.
 */
public record Upload(
        UUID postId,
        String accountId,
        String status,
        String provider,
        String publicId,
        String mediaPath,
        String mimeType,
        String url,
        Instant expiresAt,
        UUID hostedEventId,
        UUID claimId,
        Instant claimedUntil,
        String failure,
        Instant createdAt,
        Instant deletedAt) {

    public static final String UPLOADING = "UPLOADING";
    public static final String HOSTED = "HOSTED";
    public static final String FAILED = "FAILED";

    /** Hosted, not deleted and still reachable at {@code instant}. */
    public boolean liveAt(Instant instant) {
        return HOSTED.equals(status) && deletedAt == null && expiresAt != null && expiresAt.isAfter(instant);
    }

    /** A hosted copy exists at the provider that has not been deleted yet. */
    public boolean hasCopy() {
        return publicId != null && deletedAt == null;
    }
}
