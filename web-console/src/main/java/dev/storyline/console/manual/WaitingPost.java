package dev.storyline.console.manual;

import dev.storyline.console.scheduler.SchedulerApi.Account;
import dev.storyline.console.scheduler.SchedulerApi.QueuedPost;
import dev.storyline.console.web.Media;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.UUID;

/** A post waiting for a person, as the manual-posts page lists it. */
public record WaitingPost(
        String accountId,
        String accountName,
        UUID postId,
        String when,
        String zone,
        String medium,
        String category,
        String why) {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM, HH:mm", Locale.ENGLISH);

    static WaitingPost of(Account account, QueuedPost post) {
        return new WaitingPost(
                account.id(),
                account.name(),
                post.id(),
                post.slotAt() == null
                        ? ""
                        : post.slotAt().atZone(account.zone()).format(WHEN),
                account.timezone(),
                Media.name(post.mediaPath()),
                post.category(),
                why(post.routeReason(), post.note()));
    }

    /** The scheduler's routing reason in plain words (the calendar shows it too). */
    public static String why(String reason, String note) {
        if (note != null && note.startsWith("fallback")) {
            return "Automatic posting gave up ("
                    + note.substring("fallback".length()).strip() + ").";
        }
        return switch (reason == null ? "" : reason) {
            case "api_disabled" -> "Posting through the Instagram API is off for this account.";
            case "requires_interaction" -> "The story needs stickers or links the API cannot post.";
            case "token_unhealthy" -> "The account's Instagram token needs attention.";
            case "api_rate_limited" -> "Instagram throttled the account; the API rests for a while.";
            case "rollout_limit" -> "The day's posts through the API were used up (gradual roll-out limit).";
            case "" -> "No reason recorded.";
            default -> "Routed to a person (" + reason + ").";
        };
    }
}
