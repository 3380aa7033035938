package dev.storyline.console.history;

import dev.storyline.console.scheduler.SchedulerApi.HistoryEntry;
import dev.storyline.console.web.Media;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * One line of the posting history as the page and the CSV say it: the local time in the account's zone,
 * the medium, the outcome in words (with the Story id or the person who posted), the route and the reason.
 */
public record HistoryRow(
        String localTime, String status, String css, String medium, String outcome, String route, String reason) {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    static HistoryRow of(HistoryEntry entry, ZoneId zone) {
        String status = entry.status() == null ? "" : entry.status();
        String time = entry.occurredAt() == null
                ? ""
                : entry.occurredAt().atZone(zone).toLocalDateTime().format(TIME);
        return new HistoryRow(
                time,
                status,
                "status-" + css(status),
                Media.name(entry.mediaPath()),
                outcome(entry, status),
                route(entry.method()),
                blankToNull(entry.error()));
    }

    private static String css(String status) {
        return switch (status) {
            case "PUBLISHED" -> "published";
            case "POSTED_MANUALLY" -> "by-hand";
            case "SKIPPED" -> "skipped";
            case "REJECTED" -> "rejected";
            case "FAILED" -> "failed";
            case "MISSED", "EMPTY" -> "missed";
            default -> "unknown";
        };
    }

    private static String outcome(HistoryEntry entry, String status) {
        String by = blankToNull(entry.postedBy()) == null ? "" : " by " + entry.postedBy();
        String words = switch (status) {
            case "PUBLISHED" ->
                "published by the API"
                        + (blankToNull(entry.storyId()) == null ? "" : " (Story " + entry.storyId() + ")");
            case "POSTED_MANUALLY" -> "posted by hand" + by;
            case "SKIPPED" -> "skipped" + by;
            case "REJECTED" -> "rejected" + by;
            case "FAILED" -> "failed" + (blankToNull(entry.error()) == null ? "" : ": " + entry.error());
            case "MISSED" -> "missed";
            case "EMPTY" -> "nothing to post";
            default -> status.isEmpty() ? "unknown" : status.toLowerCase();
        };
        return entry.dryRun() ? words + " (dry run)" : words;
    }

    private static String route(String method) {
        if (method == null) {
            return null;
        }
        return switch (method) {
            case "instagram_api" -> "Instagram API";
            case "telegram_manual" -> "by hand (Telegram)";
            default -> method;
        };
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
