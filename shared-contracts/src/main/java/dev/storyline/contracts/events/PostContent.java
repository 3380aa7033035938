package dev.storyline.contracts.events;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * What is being posted, carried along the whole pipeline so that every worker (including the
 * Telegram fallback) can act without reading the scheduler's database.
 *
 * @param mediaPath path relative to the account's media root, always with forward slashes
 */
public record PostContent(
        UUID mediaId,
        String mediaPath,
        String mimeType,
        String category,
        String sha256,
        long sizeBytes,
        String title,
        String caption,
        String link,
        List<String> tags,
        boolean requiresInteraction) {

    public PostContent {
        Objects.requireNonNull(mediaId, "mediaId");
        Events.requireText(mediaPath, "mediaPath");
        Events.requireText(mimeType, "mimeType");
        Events.requireText(category, "category");
        MediaPaths.problem(mediaPath).ifPresent(problem -> {
            throw new IllegalArgumentException("mediaPath " + mediaPath + ": " + problem);
        });
        // a null inside a tag list set by hand must not make the whole post unsendable
        tags = tags == null ? List.of() : tags.stream().filter(Objects::nonNull).toList();
    }

    public boolean isVideo() {
        return mimeType.startsWith("video/");
    }
}
