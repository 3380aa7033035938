package dev.storyline.console.scheduler;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/**
 * The scheduler admin API's answers the Operations and Mix-and-schedule pages read: only the fields they
 * show. A dead letter's body and its exception text are never read, so nothing they might carry (a token
 * in a URL, a caption) can reach a page.
 */
public final class SchedulerOps {

    private SchedulerOps() {}

    /** {@code GET /api/accounts/{id}}: how the account plans its days. */
    public record AccountPlan(
            String id,
            String displayName,
            boolean paused,
            int postsPerDay,
            int windowStartHour,
            int windowEndHour,
            String timezone,
            int jitterMinutes) {

        public String name() {
            return displayName == null || displayName.isBlank() ? id : displayName;
        }
    }

    /** {@code GET /api/accounts/{id}/category-mix}: one category's share in percent. */
    public record MixRatio(String category, BigDecimal ratioPercent) {}

    /** {@code GET /api/accounts/{id}/category-mix/history}: one row of a mix, current ones with no end. */
    public record MixChange(
            String category, BigDecimal ratioPercent, Instant effectiveFrom, Instant effectiveTo, String changedBy) {}

    /** The body of {@code PUT /api/accounts/{id}/category-mix}. */
    public record NewMix(Map<String, Integer> ratios, String changedBy) {}

    /** {@code GET /api/dlq/depths}: one dead-letter queue and how many messages wait in it. */
    public record QueueDepth(String queue, long messages) {}

    /** {@code GET /api/dlq?queue=}: one dead letter, without its body or exception text. */
    public record DeadLetter(
            String queue,
            String messageId,
            String type,
            String reason,
            String accountId,
            String postId,
            Integer attempts,
            String deadLetteredAt) {}

    /** {@code POST /api/dlq/{queue}/replay}: what the replay did. */
    public record ReplayReport(int replayed, int returned, int stillFailing, int left) {}

    /** {@code DELETE /api/dlq/{queue}?confirm=true}. */
    public record Purged(int purged) {}
}
