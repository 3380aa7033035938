package dev.storyline.telegram.commands;

import dev.storyline.telegram.access.DisplayName;
import dev.storyline.telegram.scheduler.SchedulerApiException;
import dev.storyline.telegram.scheduler.SchedulerClient;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.telegram.telegrambots.meta.api.objects.User;

/**
 * The answers' wording: what the read-only commands show for one account (read from the scheduler),
 * and what a change reports once the scheduler made it.
 */
@Component
class Replies {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
    private static final int QUEUE_LIMIT = 10;

    private final SchedulerClient scheduler;
    private final Clock clock;

    Replies(SchedulerClient scheduler, Clock clock) {
        this.scheduler = scheduler;
        this.clock = clock;
    }

    static String help() {
        StringBuilder text =
                new StringBuilder("Storyline commands (the account may be left out when there is only one):\n");
        for (Command command : Command.values()) {
            text.append("\n/")
                    .append(command.name)
                    .append(command.usage.isEmpty() ? "" : " " + command.usage)
                    .append(" — ")
                    .append(command.description);
        }
        return text.toString();
    }

    String status(SchedulerClient.Account account) throws SchedulerApiException {
        Instant now = clock.instant();
        StringBuilder text = new StringBuilder("📊 ").append(account.id());
        text.append("\n• posting: ")
                .append(account.paused() ? "⏸ paused" : "▶️ running")
                .append(account.dryRun() ? " (dry-run)" : "");
        text.append("\n• API: ").append(api(account, now));
        Optional<SchedulerClient.QueueEntry> next = scheduler.queue(account.id(), QUEUE_LIMIT).stream()
                .filter(e -> "PLANNED".equals(e.status()))
                .findFirst();
        text.append("\n• next slot: ")
                .append(next.map(e -> TIME.format(e.slotAt()) + " · " + category(e))
                        .orElse("none planned"));
        SchedulerClient.Stats stats = scheduler.stats(account.id());
        text.append("\n• content: ")
                .append(stats.eligible())
                .append(" eligible of ")
                .append(stats.active())
                .append(" active, ")
                .append(daysLeft(stats))
                .append(" at ")
                .append(account.postsPerDay())
                .append("/day");
        return text.toString();
    }

    private static String api(SchedulerClient.Account account, Instant now) {
        return switch (account.apiState(now)) {
            case OFF -> "off (manual posting through Telegram)";
            case TOKEN_UNHEALTHY -> "⚠️ enabled, token unhealthy (posts go to Telegram)";
            case RESTING -> "⏳ enabled, resting until " + TIME.format(account.apiPausedUntil()) + " (rate limited)";
            case HEALTHY -> "✅ enabled and healthy";
        };
    }

    /** A slot planned without a category takes whatever is postable. */
    private static String category(SchedulerClient.QueueEntry entry) {
        return entry.category() == null || entry.category().isBlank() ? "any category" : entry.category();
    }

    String queue(SchedulerClient.Account account) throws SchedulerApiException {
        List<SchedulerClient.QueueEntry> entries = scheduler.queue(account.id(), QUEUE_LIMIT);
        if (entries.isEmpty()) {
            return "🗓 " + account.id() + ": the queue is empty. Plan with /schedule N.";
        }
        StringBuilder text = new StringBuilder("🗓 ")
                .append(account.id())
                .append(" — next ")
                .append(entries.size())
                .append(':');
        for (SchedulerClient.QueueEntry e : entries) {
            text.append("\n• ")
                    .append(TIME.format(e.slotAt()))
                    .append(" · ")
                    .append(category(e))
                    .append(" · ")
                    .append(e.status())
                    .append(e.route() == null ? "" : " " + e.route())
                    .append(e.mediaPath() == null ? "" : " · " + e.mediaPath());
        }
        return text.toString();
    }

    String stats(SchedulerClient.Account account) throws SchedulerApiException {
        SchedulerClient.Stats s = scheduler.stats(account.id());
        return "📈 " + account.id()
                + "\n• library: " + s.active() + " active, " + s.eligible() + " eligible, " + s.invalid() + " invalid, "
                + s.locked() + " locked"
                + "\n• posts: " + s.published() + " published, " + s.postedManually() + " posted manually, "
                + s.skipped() + " skipped, " + s.rejected() + " rejected, " + s.failed() + " failed"
                + "\n• " + daysLeft(s) + " at " + s.postsPerDay() + " posts/day";
    }

    private static String daysLeft(SchedulerClient.Stats stats) {
        return stats.daysOfContentLeft() == null
                ? "days left unknown"
                : String.format(Locale.ROOT, "%.1f days of content left", stats.daysOfContentLeft());
    }

    String history(SchedulerClient.Account account, int n) throws SchedulerApiException {
        List<SchedulerClient.HistoryEntry> entries = scheduler.history(account.id(), n);
        if (entries.isEmpty()) {
            return "📜 " + account.id() + ": nothing posted yet.";
        }
        StringBuilder text = new StringBuilder("📜 ")
                .append(account.id())
                .append(" — last ")
                .append(entries.size())
                .append(':');
        for (SchedulerClient.HistoryEntry e : entries) {
            text.append("\n• ")
                    .append(TIME.format(e.occurredAt()))
                    .append(" · ")
                    .append(e.status())
                    .append(e.method() == null ? "" : " · " + e.method())
                    .append(e.dryRun() ? " (dry-run)" : "")
                    .append(e.mediaPath() == null ? "" : " · " + e.mediaPath())
                    .append(e.postedBy() == null ? "" : " · by " + e.postedBy())
                    .append(e.error() == null ? "" : " · " + e.error());
        }
        return text.toString();
    }

    String locks(SchedulerClient.Account account) throws SchedulerApiException {
        List<SchedulerClient.Lock> locks = scheduler.locks(account.id());
        if (locks.isEmpty()) {
            return "🔓 " + account.id() + ": no media is locked.";
        }
        StringBuilder text = new StringBuilder("🔒 ")
                .append(account.id())
                .append(" — ")
                .append(locks.size())
                .append(" locked:");
        for (SchedulerClient.Lock l : locks) {
            text.append("\n• ")
                    .append(l.mediaPath())
                    .append(" · ")
                    .append(l.reason())
                    .append(" · ")
                    .append(
                            l.permanent() || l.lockedUntil() == null
                                    ? "for good"
                                    : "until " + TIME.format(l.lockedUntil()));
        }
        return text.toString();
    }

    static String postingNext(String account, String postId) {
        return "▶️ " + account + ": posting the next slot now (post " + postId + ").";
    }

    static String paused(String account, User by) {
        return "⏸ " + account + " is paused by " + DisplayName.of(by) + ". Resume with /resume " + account + ".";
    }

    static String scheduled(String account, int days, int slots) {
        return "🗓 " + account + ": planned " + days + " day" + (days == 1 ? "" : "s") + " ahead, " + slots
                + " new slots.";
    }
}
