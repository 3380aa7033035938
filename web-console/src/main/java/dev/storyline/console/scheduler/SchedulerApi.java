package dev.storyline.console.scheduler;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

/** The scheduler admin API's answers the console reads: only the fields it shows (others are ignored). */
public final class SchedulerApi {

    private SchedulerApi() {}

    /** {@code GET /api/accounts}: one account and how it posts. */
    public record Account(
            String id,
            String displayName,
            boolean apiEnabled,
            boolean dryRun,
            boolean tokenHealthy,
            boolean paused,
            int postsPerDay,
            int windowStartHour,
            int windowEndHour,
            String timezone,
            Instant apiPausedUntil,
            List<String> warnings,
            Integer apiPostsPerDay) {

        /** The account's zone; UTC for a zone this JDK does not know (the page still renders). */
        public ZoneId zone() {
            try {
                return ZoneId.of(timezone);
            } catch (RuntimeException e) {
                return ZoneId.of("UTC");
            }
        }

        /** Gradual roll-out in words: how many posts a day may go through the Instagram API. */
        public String apiLimit() {
            return apiPostsPerDay == null
                    ? "no limit"
                    : "at most " + apiPostsPerDay + " a day, the rest go to Telegram";
        }

        public String name() {
            return displayName == null || displayName.isBlank() ? id : displayName;
        }
    }

    /** {@code GET /api/accounts/{id}}: what connecting an Instagram account needs to know of an account. */
    public record AccountLink(String id, String displayName, String instagramUserId, boolean apiEnabled) {}

    /** The body of {@code POST /api/accounts} when the console connects a new Instagram account. */
    public record NewAccount(
            String id,
            String displayName,
            String instagramUserId,
            boolean apiEnabled,
            boolean dryRun,
            String mediaSubdir,
            int windowStartHour,
            int windowEndHour,
            String timezone,
            boolean createFolder) {}

    /** {@code GET /api/accounts/{id}/slots}: one slot of the calendar. */
    public record Slot(
            UUID id,
            Instant slotAt,
            LocalDateTime localTime,
            String category,
            String status,
            String mediaPath,
            String route,
            String routeReason,
            String note,
            String outcome,
            String outcomeBy) {}

    /**
     * {@code GET /api/accounts/{id}/slots/{slot}}: one slot with what the list carries and its timeline, oldest
     * event first.
     */
    public record SlotStory(
            UUID id,
            Instant slotAt,
            LocalDateTime localTime,
            String category,
            String status,
            UUID mediaId,
            String mediaPath,
            String route,
            String routeReason,
            String fallbackReason,
            String note,
            String outcome,
            String outcomeBy,
            String storyId,
            List<SlotEvent> events) {}

    /** One step of a slot's story; {@code by} null: the scheduler itself; {@code via} the face a person used. */
    public record SlotEvent(Instant at, String type, String detail, String by, String via) {}

    /** {@code GET /api/accounts/{id}/queue}: a planned or in-flight post. */
    public record QueuedPost(
            UUID id,
            Instant slotAt,
            String category,
            String status,
            String mediaPath,
            String route,
            String routeReason,
            String note) {}

    /** {@code GET /api/waiting}: a post waiting for a person, with its account (one call for every account). */
    public record WaitingPost(
            String accountId,
            UUID id,
            Instant slotAt,
            String category,
            String status,
            String mediaPath,
            String route,
            String routeReason,
            String note) {

        public QueuedPost post() {
            return new QueuedPost(id, slotAt, category, status, mediaPath, route, routeReason, note);
        }
    }

    /**
     * {@code GET /api/slot-counts}: how many slots fall on a local date (each in its account's zone) with this
     * status and recorded outcome.
     */
    public record DayCount(java.time.LocalDate date, String status, String outcome, long slots) {}

    /** {@code POST /api/accounts/{id}/posts/{post}/resolve}: the decision as recorded. */
    public record Resolution(UUID postId, String accountId, String action, String by) {}

    /** The body of a resolve call; {@code via} names the face, so Telegram's message can say where it was decided. */
    public record Resolve(String action, String by, String via) {}

    /** {@code POST /api/accounts/{id}/resume}. */
    public record ResumeResult(String accountId, String overdue, int affected) {}

    /**
     * {@code GET /api/accounts/{id}/history}: one recorded outcome (PUBLISHED, POSTED_MANUALLY, SKIPPED,
     * REJECTED, FAILED) or a slot that went out empty or was missed (EMPTY, MISSED), newest first.
     */
    public record HistoryEntry(
            UUID postId,
            String status,
            String method,
            String storyId,
            String postedBy,
            String error,
            boolean dryRun,
            String mediaPath,
            Instant occurredAt) {}

    /** {@code POST /api/accounts/{id}/post-next}. */
    public record PostNext(UUID postId) {}

    /**
     * {@code GET /api/accounts/{id}/next-picks}: what the just-in-time pick would likely choose for an upcoming
     * planned slot if it were dispatched now; {@code mediaId} null when nothing is eligible.
     */
    public record NextPick(
            UUID slotId,
            Instant slotAt,
            String slotCategory,
            UUID mediaId,
            String mediaPath,
            String mediaCategory,
            String route,
            String routeReason,
            String note) {}
}
