package dev.storyline.console.library;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The scheduler's media library as the Library page reads it: only the fields it shows (others are ignored). */
public final class LibraryApi {

    private LibraryApi() {}

    /** {@code GET /api/accounts/{id}/media}: one file of the library and its Story-rule verdict. */
    public record MediaItem(
            UUID id,
            String path,
            String category,
            String mimeType,
            long sizeBytes,
            Integer width,
            Integer height,
            boolean valid,
            List<String> validationErrors,
            List<String> validationWarnings,
            boolean requiresInteraction,
            String title,
            String caption,
            String link,
            List<String> tags,
            boolean active,
            boolean locked,
            Instant lockedUntil,
            int timesPosted,
            boolean rejected,
            String rejectedBy,
            String rejectionReason) {

        public String fileName() {
            int slash = path == null ? -1 : path.lastIndexOf('/');
            return slash < 0 ? path : path.substring(slash + 1);
        }

        public boolean video() {
            return mimeType != null && mimeType.startsWith("video/");
        }

        public String lockedUntilText() {
            return lockedUntil == null
                    ? ""
                    : java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
                            .withZone(java.time.ZoneOffset.UTC)
                            .format(lockedUntil);
        }

        /** What the card says about its locks: "rejected", "locked until …" or nothing. */
        public String lockText() {
            if (rejected) {
                return rejectedBy == null || rejectedBy.isBlank() ? "rejected" : "rejected by " + rejectedBy;
            }
            return locked ? "locked until " + lockedUntilText() : "";
        }

        public String tagText() {
            return tags == null ? "" : String.join(", ", tags);
        }
    }

    /** {@code PATCH /api/accounts/{id}/media/{media}}: what an admin may change; null keeps a field. */
    public record Edit(Boolean requiresInteraction, String title, String caption, String link, List<String> tags) {}

    /**
     * {@code POST /api/accounts/{id}/media/{media}/reject} and {@code .../unlock}: the item after the change and
     * the post already carrying it, if one is in flight (that post goes on).
     */
    public record LockChange(MediaItem media, UUID inFlightPostId) {}

    /** What the page filters by, as the list API takes it; null means any. */
    public record Filter(String category, Boolean valid, Boolean locked, Boolean rejected, Boolean neverPosted) {}
}
