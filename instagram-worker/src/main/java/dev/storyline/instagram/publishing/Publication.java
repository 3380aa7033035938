package dev.storyline.instagram.publishing;

import dev.storyline.platform.lease.Claim;
import java.time.Instant;
import java.util.UUID;

/**
 * A row of {@code publications}: how far this worker got with one post.
 *
 * @param publishRequestedAt when the once-only gate in front of media_publish was passed; null before
 * @param claim the claim that holds this row as it was read (null if none); later updates by the holder name it
 */
record Publication(
        UUID postId,
        String accountId,
        String containerId,
        Status status,
        String storyId,
        boolean dryRun,
        int attempts,
        String lastError,
        Instant publishRequestedAt,
        Claim claim,
        boolean quotaReserved) {

    enum Status {
        CLAIMED,
        CONTAINER_CREATED,
        PUBLISHED,
        FAILED
    }

    boolean publishRequested() {
        return publishRequestedAt != null;
    }

    boolean finished() {
        return status == Status.PUBLISHED || status == Status.FAILED;
    }
}
