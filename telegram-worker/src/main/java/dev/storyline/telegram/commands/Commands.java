package dev.storyline.telegram.commands;

import dev.storyline.telegram.access.TeamAccess;
import dev.storyline.telegram.botapi.BotApi;
import dev.storyline.telegram.botapi.BotApiException;
import dev.storyline.telegram.scheduler.SchedulerApiException;
import dev.storyline.telegram.scheduler.SchedulerClient;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.telegram.telegrambots.meta.api.objects.User;
import org.telegram.telegrambots.meta.api.objects.chat.Chat;
import org.telegram.telegrambots.meta.api.objects.message.Message;

/**
 * The chat commands: each one is a call (or a few) to the scheduler's admin API, answered in the chat
 * it came from, and only in the chats this bot works in. A user sees the accounts they have a role
 * for, served by the chat they write in; admins of an account may change it, members only read.
 * A failing scheduler or Telegram call is answered or logged, never thrown at the poller.
 */
@Component
public class Commands {

    private static final Logger log = LoggerFactory.getLogger(Commands.class);
    private static final int DEFAULT_HISTORY = 10;
    private static final int MAX_HISTORY = 50;

    private final SchedulerClient scheduler;
    private final BotApi bot;
    private final TeamAccess access;
    private final AccountScope accounts;
    private final Replies replies;
    private final ResumeFlow resume;
    private final CommandMetrics metrics;

    Commands(
            SchedulerClient scheduler,
            BotApi bot,
            TeamAccess access,
            AccountScope accounts,
            Replies replies,
            ResumeFlow resume,
            CommandMetrics metrics) {
        this.scheduler = scheduler;
        this.bot = bot;
        this.access = access;
        this.accounts = accounts;
        this.replies = replies;
        this.resume = resume;
        this.metrics = metrics;
    }

    /** A message from the poller; never throws. */
    public void handle(Message message) {
        if (!CommandLine.isCommand(message)) {
            return;
        }
        String typed = CommandLine.firstWord(message.getText());
        if (!access.configured(message.getChat())) {
            log.warn(
                    "command {} from Telegram user {} in chat {}, which is not one of the configured chats; not answered",
                    typed,
                    message.getFrom().getId(),
                    message.getChatId());
            metrics.count("any", "wrong_chat");
            return;
        }
        Reply reply;
        try {
            reply = execute(message.getText(), message.getFrom(), message.getChat());
        } catch (RuntimeException e) {
            log.error("command {} failed", typed, e);
            reply = Reply.of("⚠️ Something went wrong; please try again.");
        }
        if (reply == null) {
            return;
        }
        try {
            bot.sendMessage(String.valueOf(message.getChatId()), reply.sendableText(), reply.keyboard());
        } catch (BotApiException | RuntimeException e) {
            log.warn("could not answer command {} in chat {}: {}", typed, message.getChatId(), e.getMessage());
        }
    }

    private Reply execute(String text, User user, Chat chat) {
        CommandLine line = CommandLine.parse(text);
        String name = line.name();
        if (!access.knows(user.getId())) {
            log.warn("Telegram user {} is not authorised; command /{} refused", user.getId(), name);
            metrics.count(name, "unauthorised");
            return Reply.of("⛔ You are not allowed to use Storyline commands.");
        }
        Optional<Command> command = Command.of(name.toLowerCase(Locale.ROOT));
        if (command.isEmpty()) {
            metrics.count("unknown", "unknown");
            return Reply.of("Unknown command /" + name + ". See /help.");
        }
        if (command.get().adminOnly && !access.isAdminSomewhere(user.getId())) {
            metrics.count(command.get().name, "refused");
            return Reply.of("⛔ Only admins can use /" + command.get().name + ".");
        }
        try {
            Reply reply = run(command.get(), CommandLine.Args.parse(line.words()), new Asker(user, chat));
            metrics.count(command.get().name, "ok");
            return reply;
        } catch (SchedulerApiException e) {
            log.warn("command /{} failed: {}", command.get().name, e.getMessage());
            metrics.count(command.get().name, "failed");
            return Reply.of("⚠️ /" + command.get().name + " failed: " + e.getMessage());
        }
    }

    private Reply run(Command command, CommandLine.Args args, Asker asker) throws SchedulerApiException {
        if (args.unknown() != null) {
            return Reply.of("'" + args.unknown() + "' is not an account id or a number. Usage: /" + command.name + " "
                    + command.usage);
        }
        String named = args.account();
        return switch (command) {
            case HELP -> Reply.of(Replies.help());
            case STATUS -> Reply.of(accounts.forAccounts(asker, named, replies::status));
            case QUEUE -> Reply.of(accounts.forAccounts(asker, named, replies::queue));
            case STATS -> Reply.of(accounts.forAccounts(asker, named, replies::stats));
            case LOCKS -> Reply.of(accounts.forAccounts(asker, named, replies::locks));
            case HISTORY -> {
                int n = args.number() == null ? DEFAULT_HISTORY : args.number();
                if (n < 1 || n > MAX_HISTORY) {
                    yield Reply.of("N must be 1.." + MAX_HISTORY + ". Usage: /history " + command.usage);
                }
                yield Reply.of(accounts.forAccounts(asker, named, account -> replies.history(account, n)));
            }
            case NEXT ->
                accounts.withAccount(
                        asker,
                        command,
                        named,
                        account -> Reply.of(Replies.postingNext(account, scheduler.postNext(account))));
            case PAUSE ->
                accounts.withAccount(asker, command, named, account -> {
                    scheduler.pause(account);
                    return Reply.of(Replies.paused(account, asker.user()));
                });
            case RESUME ->
                accounts.withAccount(
                        asker,
                        command,
                        named,
                        account -> args.overdue() != null
                                ? Reply.of(resume.resume(account, args.overdue(), asker.user()))
                                : resume.askOverdue(account));
            case SCHEDULE -> {
                if (args.number() == null || args.number() < 1 || args.number() > 90) {
                    yield Reply.of("Usage: /schedule " + command.usage + " (N = 1..90 days)");
                }
                int days = args.number();
                yield accounts.withAccount(
                        asker,
                        command,
                        named,
                        account -> Reply.of(Replies.scheduled(account, days, scheduler.schedule(account, days))));
            }
        };
    }
}
