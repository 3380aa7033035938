package dev.storyline.telegram.commands;

import dev.storyline.telegram.TelegramProperties;
import dev.storyline.telegram.access.CallbackSigner;
import dev.storyline.telegram.access.DisplayName;
import dev.storyline.telegram.access.TeamAccess;
import dev.storyline.telegram.botapi.BotApi;
import dev.storyline.telegram.botapi.BotApiException;
import dev.storyline.telegram.access.Role;
import dev.storyline.telegram.scheduler.SchedulerApiException;
import dev.storyline.telegram.scheduler.SchedulerClient;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.telegram.telegrambots.meta.api.objects.CallbackQuery;
import org.telegram.telegrambots.meta.api.objects.User;
import org.telegram.telegrambots.meta.api.objects.chat.Chat;
import org.telegram.telegrambots.meta.api.objects.commands.BotCommand;
import org.telegram.telegrambots.meta.api.objects.message.MaybeInaccessibleMessage;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardButton;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardRow;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The chat commands: each one is a call (or a few) to the scheduler's admin API, answered in the chat
 * it came from, and only in the chats this bot works in. A user sees the accounts they have a role
 * for, served by the chat they write in; admins of an account may change it, members only read.
 * A failing scheduler or Telegram call is answered or logged, never thrown at the poller.
 */
@Component
public class Commands {

    private static final Logger log = LoggerFactory.getLogger(Commands.class);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
    /** Telegram's limit is 4096 characters per message. */
    private static final int MAX_TEXT = 4000;
    private static final int QUEUE_LIMIT = 10;
    private static final int DEFAULT_HISTORY = 10;
    private static final int MAX_HISTORY = 50;

    /** The command menu, in the order Telegram shows it. */
    enum Command {
        STATUS("status", "[account]", "health, pause state, next slot and content left", false),
        QUEUE("queue", "[account]", "the next planned and in-flight posts", false),
        STATS("stats", "[account]", "library and posting figures", false),
        HISTORY("history", "[N] [account]", "the last N posts (default 10)", false),
        LOCKS("locks", "[account]", "media locked against reposting", false),
        NEXT("next", "[account]", "post the next slot now (admins)", true),
        PAUSE("pause", "[account]", "pause posting (admins)", true),
        RESUME("resume", "[account] [drop|reschedule|force]", "resume posting, choosing what happens to overdue slots (admins)", true),
        SCHEDULE("schedule", "N [account]", "plan N days ahead (admins)", true),
        HELP("help", "", "this list", false);

        final String name;
        final String usage;
        final String description;
        final boolean adminOnly;

        Command(String name, String usage, String description, boolean adminOnly) {
            this.name = name;
            this.usage = usage;
            this.description = description;
            this.adminOnly = adminOnly;
        }

        static Optional<Command> of(String name) {
            return Arrays.stream(values()).filter(c -> c.name.equals(name)).findFirst();
        }
    }

    /** What a command answers: text, and buttons for /resume. */
    record Reply(String text, InlineKeyboardMarkup keyboard) {

        static Reply of(String text) {
            return new Reply(text, null);
        }
    }

    /** What a tap on a /resume button is told. */
    public record TapAnswer(String text, boolean alert) {
    }

    private final SchedulerClient scheduler;
    private final BotApi bot;
    private final TelegramProperties properties;
    private final Clock clock;
    private final MeterRegistry meters;
    private final TeamAccess access;
    private final CallbackSigner signer;

    Commands(SchedulerClient scheduler, BotApi bot, TelegramProperties properties, Clock clock, MeterRegistry meters,
             TeamAccess access, CallbackSigner signer) {
        this.access = access;
        this.signer = signer;
        this.scheduler = scheduler;
        this.bot = bot;
        this.properties = properties;
        this.clock = clock;
        this.meters = meters;
    }

    public static List<BotCommand> menu() {
        return Arrays.stream(Command.values()).map(c -> new BotCommand(c.name, c.description)).toList();
    }

    /** True if the message is a command (then it was answered). */
    public static boolean isCommand(Message message) {
        return message != null && message.getText() != null && message.getText().startsWith("/") && message.getFrom() != null;
    }

    /** A message from the poller; never throws. */
    public void handle(Message message) {
        if (!isCommand(message)) {
            return;
        }
        if (!access.configured(message.getChat())) {
            log.warn("command {} from Telegram user {} in chat {}, which is not one of the configured chats; not answered",
                    firstWord(message.getText()), message.getFrom().getId(), message.getChatId());
            count("any", "wrong_chat");
            return;
        }
        Reply reply;
        try {
            reply = execute(message.getText(), message.getFrom(), message.getChat());
        } catch (RuntimeException e) {
            log.error("command {} failed", firstWord(message.getText()), e);
            reply = Reply.of("⚠️ Something went wrong; please try again.");
        }
        if (reply == null) {
            return;
        }
        try {
            bot.sendMessage(String.valueOf(message.getChatId()), truncate(reply.text()), reply.keyboard());
        } catch (BotApiException | RuntimeException e) {
            log.warn("could not answer command {} in chat {}: {}", firstWord(message.getText()), message.getChatId(), e.getMessage());
        }
    }

    Reply execute(String text, User user, Chat chat) {
        String[] words = text.strip().split("\\s+");
        String name = words[0].substring(1);
        int at = name.indexOf('@');
        if (at >= 0) {
            name = name.substring(0, at);
        }
        List<String> args = List.of(words).subList(1, words.length);
        if (!access.knows(user.getId())) {
            log.warn("Telegram user {} is not authorised; command /{} refused", user.getId(), name);
            count(name, "unauthorised");
            return Reply.of("⛔ You are not allowed to use Storyline commands.");
        }
        Optional<Command> command = Command.of(name.toLowerCase(Locale.ROOT));
        if (command.isEmpty()) {
            count("unknown", "unknown");
            return Reply.of("Unknown command /" + name + ". See /help.");
        }
        if (command.get().adminOnly && !access.isAdminSomewhere(user.getId())) {
            count(command.get().name, "refused");
            return Reply.of("⛔ Only admins can use /" + command.get().name + ".");
        }
        try {
            Reply reply = run(command.get(), args, new Asker(user, chat));
            count(command.get().name, "ok");
            return reply;
        } catch (SchedulerApiException e) {
            log.warn("command /{} failed: {}", command.get().name, e.getMessage());
            count(command.get().name, "failed");
            return Reply.of("⚠️ /" + command.get().name + " failed: " + e.getMessage());
        }
    }

    /** Who asked, and where: what they may see and change. */
    private record Asker(User user, Chat chat) {
    }

    private Reply run(Command command, List<String> args, Asker asker) throws SchedulerApiException {
        User user = asker.user();
        Args parsed = Args.parse(args);
        if (parsed.unknown() != null) {
            return Reply.of("'" + parsed.unknown() + "' is not an account id or a number. Usage: /" + command.name + " " + command.usage);
        }
        return switch (command) {
            case HELP -> Reply.of(help());
            case STATUS -> Reply.of(forAccounts(asker, parsed.account(), this::status));
            case QUEUE -> Reply.of(forAccounts(asker, parsed.account(), this::queue));
            case STATS -> Reply.of(forAccounts(asker, parsed.account(), this::stats));
            case LOCKS -> Reply.of(forAccounts(asker, parsed.account(), this::locks));
            case HISTORY -> {
                int n = parsed.number() == null ? DEFAULT_HISTORY : parsed.number();
                if (n < 1 || n > MAX_HISTORY) {
                    yield Reply.of("N must be 1.." + MAX_HISTORY + ". Usage: /history " + command.usage);
                }
                yield Reply.of(forAccounts(asker, parsed.account(), account -> history(account, n)));
            }
            case NEXT -> withAccount(asker, command, parsed, account ->
                    Reply.of("▶️ " + account + ": posting the next slot now (post " + scheduler.postNext(account) + ")."));
            case PAUSE -> withAccount(asker, command, parsed, account -> {
                scheduler.pause(account);
                return Reply.of("⏸ " + account + " is paused by " + DisplayName.of(user) + ". Resume with /resume "
                        + account + ".");
            });
            case RESUME -> withAccount(asker, command, parsed, account -> parsed.overdue() != null
                    ? Reply.of(resume(account, parsed.overdue(), user))
                    : askOverdue(account));
            case SCHEDULE -> {
                if (parsed.number() == null || parsed.number() < 1 || parsed.number() > 90) {
                    yield Reply.of("Usage: /schedule " + command.usage + " (N = 1..90 days)");
                }
                int days = parsed.number();
                yield withAccount(asker, command, parsed, account -> Reply.of("🗓 " + account + ": planned " + days + " day"
                        + (days == 1 ? "" : "s") + " ahead, " + scheduler.schedule(account, days) + " new slots."));
            }
        };
    }

    /** A /resume button: admins only; the prompt message is edited to show who resumed and how. */
    public TapAnswer onResumeChoice(ResumeChoice choice, CallbackQuery query) {
        User user = query.getFrom();
        Role role = access.roleOf(user.getId(), choice.accountId());
        MaybeInaccessibleMessage asked = query.getMessage();
        Chat chat = asked instanceof Message message ? message.getChat() : null;
        if (role == Role.NONE || chat == null || !access.serves(chat, choice.accountId())) {
            count("resume", "unauthorised");
            return new TapAnswer("You are not allowed to use Storyline commands for this account here.", true);
        }
        if (role != Role.ADMIN) {
            count("resume", "refused");
            return new TapAnswer("Only admins can resume posting.", true);
        }
        String outcome;
        try {
            outcome = resume(choice.accountId(), choice.overdue(), user);
        } catch (SchedulerApiException e) {
            count("resume", "failed");
            return new TapAnswer("Resume failed: " + e.getMessage(), true);
        }
        count("resume", "ok");
        MaybeInaccessibleMessage prompt = query.getMessage();
        if (prompt != null && prompt.getChatId() != null && prompt.getMessageId() != null) {
            try {
                bot.editText(String.valueOf(prompt.getChatId()), prompt.getMessageId(), outcome, null);
            } catch (BotApiException e) {
                log.warn("could not edit the /resume question: {}", e.getMessage());
            }
        }
        return new TapAnswer(outcome, false);
    }

    // ---- the commands ---------------------------------------------------------------------

    private String help() {
        StringBuilder text = new StringBuilder("Storyline commands (the account may be left out when there is only one):\n");
        for (Command command : Command.values()) {
            text.append("\n/").append(command.name).append(command.usage.isEmpty() ? "" : " " + command.usage)
                    .append(" — ").append(command.description);
        }
        return text.toString();
    }

    private String status(SchedulerClient.Account account) throws SchedulerApiException {
        Instant now = clock.instant();
        StringBuilder text = new StringBuilder("📊 ").append(account.id());
        text.append("\n• posting: ").append(account.paused() ? "⏸ paused" : "▶️ running")
                .append(account.dryRun() ? " (dry-run)" : "");
        text.append("\n• API: ").append(api(account, now));
        Optional<SchedulerClient.QueueEntry> next = scheduler.queue(account.id(), QUEUE_LIMIT).stream()
                .filter(e -> "PLANNED".equals(e.status())).findFirst();
        text.append("\n• next slot: ").append(next.map(e -> TIME.format(e.slotAt()) + " · " + category(e)).orElse("none planned"));
        SchedulerClient.Stats stats = scheduler.stats(account.id());
        text.append("\n• content: ").append(stats.eligible()).append(" eligible of ").append(stats.active())
                .append(" active, ").append(daysLeft(stats)).append(" at ").append(account.postsPerDay()).append("/day");
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

    private String queue(SchedulerClient.Account account) throws SchedulerApiException {
        List<SchedulerClient.QueueEntry> entries = scheduler.queue(account.id(), QUEUE_LIMIT);
        if (entries.isEmpty()) {
            return "🗓 " + account.id() + ": the queue is empty. Plan with /schedule N.";
        }
        StringBuilder text = new StringBuilder("🗓 ").append(account.id()).append(" — next ").append(entries.size()).append(':');
        for (SchedulerClient.QueueEntry e : entries) {
            text.append("\n• ").append(TIME.format(e.slotAt())).append(" · ").append(category(e)).append(" · ")
                    .append(e.status()).append(e.route() == null ? "" : " " + e.route())
                    .append(e.mediaPath() == null ? "" : " · " + e.mediaPath());
        }
        return text.toString();
    }

    private String stats(SchedulerClient.Account account) throws SchedulerApiException {
        SchedulerClient.Stats s = scheduler.stats(account.id());
        return "📈 " + account.id()
                + "\n• library: " + s.active() + " active, " + s.eligible() + " eligible, " + s.invalid() + " invalid, "
                + s.locked() + " locked"
                + "\n• posts: " + s.published() + " published, " + s.postedManually() + " posted manually, "
                + s.skipped() + " skipped, " + s.rejected() + " rejected, " + s.failed() + " failed"
                + "\n• " + daysLeft(s) + " at " + s.postsPerDay() + " posts/day";
    }

    private static String daysLeft(SchedulerClient.Stats stats) {
        return stats.daysOfContentLeft() == null ? "days left unknown"
                : String.format(Locale.ROOT, "%.1f days of content left", stats.daysOfContentLeft());
    }

    private String history(SchedulerClient.Account account, int n) throws SchedulerApiException {
        List<SchedulerClient.HistoryEntry> entries = scheduler.history(account.id(), n);
        if (entries.isEmpty()) {
            return "📜 " + account.id() + ": nothing posted yet.";
        }
        StringBuilder text = new StringBuilder("📜 ").append(account.id()).append(" — last ").append(entries.size()).append(':');
        for (SchedulerClient.HistoryEntry e : entries) {
            text.append("\n• ").append(TIME.format(e.occurredAt())).append(" · ").append(e.status())
                    .append(e.method() == null ? "" : " · " + e.method())
                    .append(e.dryRun() ? " (dry-run)" : "")
                    .append(e.mediaPath() == null ? "" : " · " + e.mediaPath())
                    .append(e.postedBy() == null ? "" : " · by " + e.postedBy())
                    .append(e.error() == null ? "" : " · " + e.error());
        }
        return text.toString();
    }

    private String locks(SchedulerClient.Account account) throws SchedulerApiException {
        List<SchedulerClient.Lock> locks = scheduler.locks(account.id());
        if (locks.isEmpty()) {
            return "🔓 " + account.id() + ": no media is locked.";
        }
        StringBuilder text = new StringBuilder("🔒 ").append(account.id()).append(" — ").append(locks.size()).append(" locked:");
        for (SchedulerClient.Lock l : locks) {
            text.append("\n• ").append(l.mediaPath()).append(" · ").append(l.reason()).append(" · ")
                    .append(l.permanent() || l.lockedUntil() == null ? "for good" : "until " + TIME.format(l.lockedUntil()));
        }
        return text.toString();
    }

    private Reply askOverdue(String account) {
        if (!ResumeChoice.fits(account)) {
            return Reply.of("What about slots that fell due while " + account + " was paused? Answer with /resume "
                    + account + " drop, /resume " + account + " reschedule or /resume " + account + " force.");
        }
        InlineKeyboardMarkup keyboard = InlineKeyboardMarkup.builder()
                .keyboardRow(new InlineKeyboardRow(
                        choice("🗑 Drop overdue", SchedulerClient.Overdue.DROP, account),
                        choice("🔁 Reschedule", SchedulerClient.Overdue.RESCHEDULE, account),
                        choice("⚡ Force now", SchedulerClient.Overdue.FORCE, account)))
                .build();
        return new Reply("Resume " + account + ": what about slots that fell due while it was paused?\n"
                + "• Drop: skip them\n• Reschedule: post them from now on, spaced apart\n"
                + "• Force: post them now, even outside the posting window", keyboard);
    }

    private InlineKeyboardButton choice(String text, SchedulerClient.Overdue overdue, String account) {
        return InlineKeyboardButton.builder().text(text).callbackData(signer.sign(new ResumeChoice(overdue, account).encode()))
                .build();
    }

    private String resume(String account, SchedulerClient.Overdue overdue, User user) throws SchedulerApiException {
        SchedulerClient.ResumeResult result = scheduler.resume(account, overdue);
        String what = switch (overdue) {
            case DROP -> "dropped";
            case RESCHEDULE -> "rescheduled";
            case FORCE -> "forced";
        };
        return "▶️ " + account + " resumed by " + DisplayName.of(user) + "; " + result.affected() + " overdue slot"
                + (result.affected() == 1 ? "" : "s") + " " + what + ".";
    }

    // ---- accounts and arguments --------------------------------------------------------------

    private interface PerAccount {
        String run(SchedulerClient.Account account) throws SchedulerApiException;
    }

    private interface OnAccount {
        Reply run(String account) throws SchedulerApiException;
    }

    /** Read-only commands: the named account, or every account the asker sees in this chat. */
    private String forAccounts(Asker asker, String named, PerAccount section) throws SchedulerApiException {
        List<SchedulerClient.Account> visible = scheduler.accounts().stream()
                .filter(a -> access.sees(asker.user().getId(), asker.chat(), a.id())).toList();
        List<SchedulerClient.Account> chosen = named == null ? visible
                : visible.stream().filter(a -> a.id().equals(named)).toList();
        if (chosen.isEmpty()) {
            return named == null ? "No accounts to show here." : unknownAccount(named, visible);
        }
        List<String> sections = new ArrayList<>();
        for (SchedulerClient.Account account : chosen) {
            sections.add(section.run(account));
        }
        return String.join("\n\n", sections);
    }

    /**
     * Commands that change something: the named account, or the only one the asker administers in this
     * chat. An account the asker has no role for, or that this chat does not serve, is unknown to them.
     */
    private Reply withAccount(Asker asker, Command command, Args args, OnAccount action) throws SchedulerApiException {
        long user = asker.user().getId();
        if (args.account() != null) {
            if (!access.sees(user, asker.chat(), args.account())) {
                count(command.name, "refused");
                return Reply.of("Unknown account '" + args.account() + "' here.");
            }
            if (access.roleOf(user, args.account()) != Role.ADMIN) {
                count(command.name, "refused");
                return Reply.of("⛔ Only admins of " + args.account() + " can use /" + command.name + ".");
            }
            return action.run(args.account());
        }
        List<SchedulerClient.Account> administered = scheduler.accounts().stream()
                .filter(a -> access.sees(user, asker.chat(), a.id()) && access.roleOf(user, a.id()) == Role.ADMIN).toList();
        if (administered.size() == 1) {
            return action.run(administered.getFirst().id());
        }
        if (administered.isEmpty()) {
            return Reply.of("No accounts you can change here.");
        }
        return Reply.of("Which account? /" + command.name + " " + command.usage + " — accounts: "
                + String.join(", ", administered.stream().map(SchedulerClient.Account::id).toList()));
    }

    private static String unknownAccount(String named, List<SchedulerClient.Account> accounts) {
        return "Unknown account '" + named + "'. Accounts: "
                + String.join(", ", accounts.stream().map(SchedulerClient.Account::id).toList());
    }

    /** Free-order arguments: a number, an overdue choice, an account id. */
    private record Args(Integer number, SchedulerClient.Overdue overdue, String account, String unknown) {

        static Args parse(List<String> words) {
            Integer number = null;
            SchedulerClient.Overdue overdue = null;
            String account = null;
            for (String word : words) {
                if (word.matches("-?\\d{1,6}") && number == null) {
                    number = Integer.parseInt(word);
                } else if (overdue == null && Arrays.stream(SchedulerClient.Overdue.values())
                        .anyMatch(o -> o.name().equalsIgnoreCase(word))) {
                    overdue = SchedulerClient.Overdue.valueOf(word.toUpperCase(Locale.ROOT));
                } else if (account == null && SchedulerClient.validAccountId(word)) {
                    account = word;
                } else {
                    return new Args(null, null, null, word);
                }
            }
            return new Args(number, overdue, account, null);
        }
    }

    private static String firstWord(String text) {
        return text == null ? "" : text.strip().split("\\s+")[0];
    }

    private static String truncate(String text) {
        return text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT - 1) + "…";
    }

    private void count(String command, String outcome) {
        meters.counter("storyline_telegram_commands_total", "command", command, "outcome", outcome).increment();
    }
}
