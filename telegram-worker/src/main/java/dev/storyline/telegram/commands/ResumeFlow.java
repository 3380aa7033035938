package dev.storyline.telegram.commands;

import dev.storyline.telegram.access.CallbackSigner;
import dev.storyline.telegram.access.DisplayName;
import dev.storyline.telegram.access.Role;
import dev.storyline.telegram.access.TeamAccess;
import dev.storyline.telegram.botapi.BotApi;
import dev.storyline.telegram.botapi.BotApiException;
import dev.storyline.telegram.scheduler.SchedulerApiException;
import dev.storyline.telegram.scheduler.SchedulerClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.telegram.telegrambots.meta.api.objects.CallbackQuery;
import org.telegram.telegrambots.meta.api.objects.User;
import org.telegram.telegrambots.meta.api.objects.chat.Chat;
import org.telegram.telegrambots.meta.api.objects.message.MaybeInaccessibleMessage;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardButton;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardRow;

/**
 * /resume without a choice asks what happens to the slots that fell due while the account was paused;
 * the answer comes as a tap on one of its buttons ({@link ResumeChoice}) or, for account ids too long
 * for a button, as an argument.
 */
@Component
public class ResumeFlow {

    private static final Logger log = LoggerFactory.getLogger(ResumeFlow.class);

    /** What a tap on a /resume button is told. */
    public record TapAnswer(String text, boolean alert) {}

    private final SchedulerClient scheduler;
    private final BotApi bot;
    private final TeamAccess access;
    private final CallbackSigner signer;
    private final CommandMetrics metrics;

    ResumeFlow(
            SchedulerClient scheduler, BotApi bot, TeamAccess access, CallbackSigner signer, CommandMetrics metrics) {
        this.scheduler = scheduler;
        this.bot = bot;
        this.access = access;
        this.signer = signer;
        this.metrics = metrics;
    }

    Reply askOverdue(String account) {
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
        return new Reply(
                "Resume " + account + ": what about slots that fell due while it was paused?\n"
                        + "• Drop: skip them\n• Reschedule: post them from now on, spaced apart\n"
                        + "• Force: post them now, even outside the posting window",
                keyboard);
    }

    private InlineKeyboardButton choice(String text, SchedulerClient.Overdue overdue, String account) {
        return InlineKeyboardButton.builder()
                .text(text)
                .callbackData(signer.sign(new ResumeChoice(overdue, account).encode()))
                .build();
    }

    String resume(String account, SchedulerClient.Overdue overdue, User user) throws SchedulerApiException {
        SchedulerClient.ResumeResult result = scheduler.resume(account, overdue);
        String what = switch (overdue) {
            case DROP -> "dropped";
            case RESCHEDULE -> "rescheduled";
            case FORCE -> "forced";
        };
        return "▶️ " + account + " resumed by " + DisplayName.of(user) + "; " + result.affected() + " overdue slot"
                + (result.affected() == 1 ? "" : "s") + " " + what + ".";
    }

    /** A /resume button: admins only; the prompt message is edited to show who resumed and how. */
    public TapAnswer onResumeChoice(ResumeChoice choice, CallbackQuery query) {
        User user = query.getFrom();
        Role role = access.roleOf(user.getId(), choice.accountId());
        MaybeInaccessibleMessage asked = query.getMessage();
        Chat chat = asked instanceof Message message ? message.getChat() : null;
        if (role == Role.NONE || chat == null || !access.serves(chat, choice.accountId())) {
            metrics.count("resume", "unauthorised");
            return new TapAnswer("You are not allowed to use Storyline commands for this account here.", true);
        }
        if (role != Role.ADMIN) {
            metrics.count("resume", "refused");
            return new TapAnswer("Only admins can resume posting.", true);
        }
        String outcome;
        try {
            outcome = resume(choice.accountId(), choice.overdue(), user);
        } catch (SchedulerApiException e) {
            metrics.count("resume", "failed");
            return new TapAnswer("Resume failed: " + e.getMessage(), true);
        }
        metrics.count("resume", "ok");
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
}
