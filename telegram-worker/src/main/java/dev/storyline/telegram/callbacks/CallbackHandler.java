package dev.storyline.telegram.callbacks;

import dev.storyline.contracts.events.AutoPostRequested;
import dev.storyline.contracts.events.ManualAction;
import dev.storyline.contracts.events.ManualPostResolved;
import dev.storyline.contracts.outbox.Outbox;
import dev.storyline.telegram.TelegramProperties;
import dev.storyline.telegram.access.CallbackSigner;
import dev.storyline.telegram.access.DisplayName;
import dev.storyline.telegram.access.Role;
import dev.storyline.telegram.access.TeamAccess;
import dev.storyline.telegram.botapi.BotApi;
import dev.storyline.telegram.botapi.BotApiException;
import dev.storyline.telegram.commands.ResumeChoice;
import dev.storyline.telegram.commands.ResumeFlow;
import dev.storyline.telegram.scheduler.SchedulerApiException;
import dev.storyline.telegram.scheduler.SchedulerClient;
import dev.storyline.telegram.manual.CallbackData;
import dev.storyline.telegram.manual.Keyboards;
import dev.storyline.telegram.manual.ManualPost;
import dev.storyline.telegram.manual.MessageKind;
import dev.storyline.telegram.manual.ManualPosts;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.telegram.telegrambots.meta.api.objects.CallbackQuery;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.api.objects.User;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * One button tap. Only authorised users change anything; the first decision wins in the database
 * and its {@code ManualPostResolved} is written in the same transaction; later taps learn who already
 * did what. Every tap is answered, whatever happens (Telegram keeps the button spinning otherwise),
 * and a handler failure never escapes to the poller (a repeated tap is harmless).
 */
@Component
public class CallbackHandler {

    private static final Logger log = LoggerFactory.getLogger(CallbackHandler.class);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    /** What the person who tapped is told. */
    private record Answer(String text, boolean alert) {
    }

    private final ManualPosts posts;
    private final Keyboards keyboards;
    private final BotApi bot;
    private final Outbox outbox;
    private final TransactionTemplate transactions;
    private final TelegramProperties properties;
    private final Clock clock;
    private final MeterRegistry meters;
    private final ResumeFlow resumeFlow;
    private final SchedulerClient scheduler;
    private final TeamAccess access;
    private final CallbackSigner signer;

    CallbackHandler(ManualPosts posts, Keyboards keyboards, BotApi bot, Outbox outbox, TransactionTemplate transactions,
                    TelegramProperties properties, Clock clock, MeterRegistry meters, ResumeFlow resumeFlow,
                    SchedulerClient scheduler, TeamAccess access, CallbackSigner signer) {
        this.access = access;
        this.signer = signer;
        this.resumeFlow = resumeFlow;
        this.scheduler = scheduler;
        this.posts = posts;
        this.keyboards = keyboards;
        this.bot = bot;
        this.outbox = outbox;
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
        this.meters = meters;
    }

    public void handle(CallbackQuery query) {
        Answer answer;
        try {
            answer = decide(query);
        } catch (RuntimeException e) {
            log.error("callback {} failed", query.getId(), e);
            answer = new Answer("Something went wrong; please tap again.", true);
        }
        try {
            bot.answerCallback(query.getId(), answer.text(), answer.alert());
        } catch (BotApiException e) {
            // An old query ("query is too old") cannot be answered any more; the decision stands.
            log.warn("could not answer callback {}: {}", query.getId(), e.getMessage());
        }
    }

    private Answer decide(CallbackQuery query) {
        Optional<String> verified = signer.verify(query.getData());
        if (verified.isEmpty()) {
            log.warn("tap {} by Telegram user {} carries unsigned or forged data; refused", query.getId(),
                    query.getFrom() == null ? null : query.getFrom().getId());
            count("forged");
            return new Answer("This button is no longer valid.", true);
        }
        Optional<ResumeChoice> resume = ResumeChoice.parse(verified.get());
        if (resume.isPresent()) {
            ResumeFlow.TapAnswer answer = resumeFlow.onResumeChoice(resume.get(), query);
            return new Answer(answer.text(), answer.alert());
        }
        Optional<CallbackData> parsed = CallbackData.parse(verified.get());
        if (parsed.isEmpty()) {
            return new Answer("This button is no longer valid.", true);
        }
        CallbackData data = parsed.get();
        User user = query.getFrom();
        Optional<ManualPost> found = posts.find(data.postId());
        if (found.isEmpty()) {
            return new Answer("This post is unknown here.", true);
        }
        ManualPost post = found.get();
        Role role = access.roleOf(user.getId(), post.accountId());
        if (role == Role.NONE) {
            log.warn("Telegram user {} is not authorised for account {}; tap on post {} ignored", user.getId(),
                    post.accountId(), data.postId());
            count("unauthorised");
            return new Answer("You are not allowed to act on Storyline posts of this account.", true);
        }
        Optional<Message> tapped = tappedMessage(query);
        if (post.status() == ManualPost.Status.SENDING) {
            if (tapped.isEmpty() || !TeamAccess.same(access.chatOf(post.accountId()), tapped.get().getChat())) {
                count("wrong_message");
                return new Answer("This button does not belong to this chat.", true);
            }
            post = adoptTappedMessage(post, tapped.get()).orElse(post);
        }
        if (post.messageId() == null || tapped.isEmpty() || !sameChat(post.chatId(), tapped.get())) {
            count("wrong_message");
            return new Answer("This button does not belong to this chat.", true);
        }
        if (post.messageId().longValue() != tapped.get().getMessageId()) {
            // An earlier copy of the post (a send whose answer was lost): its buttons go, the recorded message decides.
            count("superseded");
            try {
                bot.editKeyboard(String.valueOf(tapped.get().getChatId()), tapped.get().getMessageId(), null);
            } catch (BotApiException e) {
                log.info("could not remove the buttons of a superseded message of post {}: {}", post.postId(), e.getMessage());
            }
            return new Answer("This message was replaced by a newer one for the same post; use that one.", true);
        }
        return switch (data.action()) {
            case POSTED -> resolve(post, ManualAction.POSTED, user);
            case SKIPPED -> resolve(post, ManualAction.SKIPPED, user);
            case ASK_REJECT -> role != Role.ADMIN ? onlyAdmins() : askToConfirm(post);
            case CONFIRM_REJECT -> role != Role.ADMIN ? onlyAdmins() : resolve(post, ManualAction.REJECTED, user);
            case BACK -> back(post);
            case AUTO_POST -> handBack(post, user);
        };
    }

    private static Optional<Message> tappedMessage(CallbackQuery query) {
        if (query.getMessage() instanceof Message message && message.getChat() != null && message.getMessageId() != null) {
            return Optional.of(message);
        }
        return Optional.empty();
    }

    /** The post's recorded chat is what it was sent to (an id or @username); the tap reports the chat itself. */
    private static boolean sameChat(String recorded, Message tapped) {
        return TeamAccess.same(recorded, tapped.getChat());
    }

    /**
     * The tapped message is the post's, whatever happened to its sender (see ManualPosts#adoptDelivered):
     * its signed button names the post, and it sits in the account's own chat.
     */
    private Optional<ManualPost> adoptTappedMessage(ManualPost post, Message message) {
        MessageKind kind = message.hasPhoto() ? MessageKind.PHOTO : message.hasVideo() ? MessageKind.VIDEO
                : message.hasDocument() ? MessageKind.DOCUMENT : MessageKind.TEXT;
        String text = kind.hasCaption() ? message.getCaption() : message.getText();
        if (posts.adoptDelivered(post.postId(), access.chatOf(post.accountId()), message.getMessageId(), kind, text)) {
            log.info("post {}: a tap on message {} proves Telegram has it; recorded as sent", post.postId(), message.getMessageId());
            count("adopted");
        }
        return posts.find(post.postId());
    }

    private Answer resolve(ManualPost post, ManualAction action, User user) {
        String name = DisplayName.of(user);
        Optional<ManualPost> resolved = transactions.execute(status -> {
            Optional<ManualPost> won = posts.resolve(post.postId(), action, user.getId(), name);
            won.ifPresent(row -> outbox.append(row.event(
                    new ManualPostResolved(action, user.getId(), user.getUserName(), row.resolvedAt()), clock.instant())));
            return won;
        });
        if (resolved.isEmpty()) {
            count("too_late");
            return alreadyDecided(posts.find(post.postId()).orElse(post));
        }
        ManualPost row = resolved.get();
        log.info("post {} resolved as {} by Telegram user {}", row.postId(), action, user.getId());
        count(action.name().toLowerCase());
        edit(row, row.caption() + "\n\n" + outcome(row), null);
        return new Answer(verb(action) + " — thanks, " + name + ".", false);
    }

    private Answer askToConfirm(ManualPost post) {
        if (post.status() != ManualPost.Status.SENT) {
            return alreadyDecided(post);
        }
        editKeyboard(post, keyboards.confirmReject(post.postId()));
        return new Answer("Reject locks this media for good. Tap “Yes, reject” to confirm.", false);
    }

    private Answer back(ManualPost post) {
        if (post.status() != ManualPost.Status.SENT) {
            return alreadyDecided(post);
        }
        editKeyboard(post, keyboards.decision(post.postId(), post.autoPost()));
        return new Answer("", false);
    }

    private static Answer onlyAdmins() {
        return new Answer("Only admins can reject a post.", true);
    }

    /**
     * 🤖 Auto post: only while the scheduler sees the account's API healthy, so the post does not bounce
     * straight back; the scheduler checks again when it dispatches (and returns the post if it cannot).
     */
    private Answer handBack(ManualPost post, User user) {
        if (!post.autoPost()) {
            return new Answer("This post cannot go through the API; post it by hand.", true);
        }
        if (post.status() != ManualPost.Status.SENT) {
            return alreadyDecided(post);
        }
        Optional<SchedulerClient.Account> account;
        try {
            account = scheduler.accounts().stream().filter(a -> a.id().equals(post.accountId())).findFirst();
        } catch (SchedulerApiException e) {
            return new Answer("Cannot check the API right now (" + e.getMessage() + "); post it by hand or try again.", true);
        }
        Instant now = clock.instant();
        SchedulerClient.ApiState state = account.map(a -> a.apiState(now)).orElse(null);
        if (state != SchedulerClient.ApiState.HEALTHY) {
            count("auto_post_refused");
            String why = state == null ? "unknown account" : switch (state) {
                case OFF -> "API posting is off";
                case TOKEN_UNHEALTHY -> "its token is not healthy";
                case RESTING -> "it is resting after a rate limit until " + TIME.format(account.get().apiPausedUntil());
                case HEALTHY -> throw new IllegalStateException("unreachable");
            };
            return new Answer("The API cannot post for " + post.accountId() + " right now (" + why
                    + "); post it by hand or try later.", true);
        }
        String name = DisplayName.of(user);
        Optional<ManualPost> handed = transactions.execute(status -> {
            Optional<ManualPost> won = posts.handBack(post.postId(), user.getId(), name);
            won.ifPresent(row -> outbox.append(row.event(
                    new AutoPostRequested(user.getId(), user.getUserName(), clock.instant()), clock.instant())));
            return won;
        });
        if (handed.isEmpty()) {
            count("too_late");
            return alreadyDecided(posts.find(post.postId()).orElse(post));
        }
        log.info("post {} handed back to the API by Telegram user {}", post.postId(), user.getId());
        count("auto_post");
        edit(handed.get(), handed.get().caption() + "\n\n🤖 Handed to the API by " + name + " at "
                + TIME.format(handed.get().resolvedAt()) + ".", null);
        return new Answer("Handed to the API — thanks, " + name + ".", false);
    }

    private static Answer alreadyDecided(ManualPost post) {
        if (post.status() == ManualPost.Status.HANDED_BACK) {
            return new Answer("Already handed to the API by " + post.resolvedByName() + " at " + TIME.format(post.resolvedAt())
                    + ".", true);
        }
        if (post.status() == ManualPost.Status.RESOLVED) {
            return new Answer("Already " + verb(post.resolvedAction()).toLowerCase() + " by " + post.resolvedByName()
                    + " at " + TIME.format(post.resolvedAt()) + ".", true);
        }
        return new Answer("This post is not waiting for a decision (" + post.status().name().toLowerCase() + ").", true);
    }

    /** The outcome on the message itself, so the whole chat sees who did what; the buttons go. */
    private void edit(ManualPost post, String text, org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup keyboard) {
        try {
            if (post.kind().hasCaption()) {
                bot.editCaption(post.chatId(), post.messageId(), text, keyboard);
            } else {
                bot.editText(post.chatId(), post.messageId(), text, keyboard);
            }
        } catch (BotApiException e) {
            // The decision is recorded and its event is on its way; a stale message is cosmetic.
            log.warn("could not edit the message of post {}: {}", post.postId(), e.getMessage());
        }
    }

    private void editKeyboard(ManualPost post, org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup keyboard) {
        try {
            bot.editKeyboard(post.chatId(), post.messageId(), keyboard);
        } catch (BotApiException e) {
            if (!e.notModified()) {
                log.warn("could not change the buttons of post {}: {}", post.postId(), e.getMessage());
            }
        }
    }

    private static String outcome(ManualPost post) {
        String icon = switch (post.resolvedAction()) {
            case POSTED -> "✅";
            case SKIPPED -> "⏭";
            case REJECTED -> "🚫";
        };
        return icon + " " + verb(post.resolvedAction()) + " by " + post.resolvedByName() + " · " + TIME.format(post.resolvedAt());
    }

    private static String verb(ManualAction action) {
        return switch (action) {
            case POSTED -> "Marked posted";
            case SKIPPED -> "Skipped";
            case REJECTED -> "Rejected";
        };
    }

    private void count(String outcome) {
        meters.counter("storyline_telegram_callbacks_total", "outcome", outcome).increment();
    }
}
