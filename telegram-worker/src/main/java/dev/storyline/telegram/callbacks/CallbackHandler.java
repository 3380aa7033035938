package dev.storyline.telegram.callbacks;

import dev.storyline.contracts.events.ManualAction;
import dev.storyline.telegram.access.CallbackSigner;
import dev.storyline.telegram.access.Role;
import dev.storyline.telegram.access.TeamAccess;
import dev.storyline.telegram.botapi.BotApi;
import dev.storyline.telegram.botapi.BotApiException;
import dev.storyline.telegram.commands.ResumeChoice;
import dev.storyline.telegram.commands.ResumeFlow;
import dev.storyline.telegram.manual.CallbackData;
import dev.storyline.telegram.manual.ManualPost;
import dev.storyline.telegram.manual.ManualPosts;
import dev.storyline.telegram.manual.MessageKind;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.telegram.telegrambots.meta.api.objects.CallbackQuery;
import org.telegram.telegrambots.meta.api.objects.User;
import org.telegram.telegrambots.meta.api.objects.message.Message;

/**
 * One button tap. Only authorised users change anything. Every tap is answered, whatever happens
 * (Telegram keeps the button spinning otherwise), and a handler failure never escapes to the poller
 * (a repeated tap is harmless).
 *
 * <p>Here: whose tap it is, on which post and which message; the decision itself is
 * {@link ManualPostTaps}' or {@link AutoPostTap}'s, and a /resume button goes to {@link ResumeFlow}.
 */
@Component
public class CallbackHandler {

    private static final Logger log = LoggerFactory.getLogger(CallbackHandler.class);

    private final ManualPosts posts;
    private final BotApi bot;
    private final TeamAccess access;
    private final CallbackSigner signer;
    private final ResumeFlow resumeFlow;
    private final ManualPostTaps manualTaps;
    private final AutoPostTap autoPostTap;
    private final TapMetrics metrics;

    CallbackHandler(
            ManualPosts posts,
            BotApi bot,
            TeamAccess access,
            CallbackSigner signer,
            ResumeFlow resumeFlow,
            ManualPostTaps manualTaps,
            AutoPostTap autoPostTap,
            TapMetrics metrics) {
        this.posts = posts;
        this.bot = bot;
        this.access = access;
        this.signer = signer;
        this.resumeFlow = resumeFlow;
        this.manualTaps = manualTaps;
        this.autoPostTap = autoPostTap;
        this.metrics = metrics;
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
            log.warn(
                    "tap {} by Telegram user {} carries unsigned or forged data; refused",
                    query.getId(),
                    query.getFrom() == null ? null : query.getFrom().getId());
            metrics.count("forged");
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
            log.warn(
                    "Telegram user {} is not authorised for account {}; tap on post {} ignored",
                    user.getId(),
                    post.accountId(),
                    data.postId());
            metrics.count("unauthorised");
            return new Answer("You are not allowed to act on Storyline posts of this account.", true);
        }
        Optional<Message> tapped = tappedMessage(query);
        if (post.status() == ManualPost.Status.SENDING) {
            if (tapped.isEmpty()
                    || !TeamAccess.same(
                            access.chatOf(post.accountId()), tapped.get().getChat())) {
                metrics.count("wrong_message");
                return new Answer("This button does not belong to this chat.", true);
            }
            post = adoptTappedMessage(post, tapped.get()).orElse(post);
        }
        if (post.messageId() == null || tapped.isEmpty() || !sameChat(post.chatId(), tapped.get())) {
            metrics.count("wrong_message");
            return new Answer("This button does not belong to this chat.", true);
        }
        if (post.messageId().longValue() != tapped.get().getMessageId()) {
            // An earlier copy of the post (a send whose answer was lost): its buttons go, the recorded message decides.
            metrics.count("superseded");
            try {
                bot.editKeyboard(
                        String.valueOf(tapped.get().getChatId()), tapped.get().getMessageId(), null);
            } catch (BotApiException e) {
                log.info(
                        "could not remove the buttons of a superseded message of post {}: {}",
                        post.postId(),
                        e.getMessage());
            }
            return new Answer("This message was replaced by a newer one for the same post; use that one.", true);
        }
        return switch (data.action()) {
            case POSTED -> manualTaps.resolve(post, ManualAction.POSTED, user);
            case SKIPPED -> manualTaps.resolve(post, ManualAction.SKIPPED, user);
            case ASK_REJECT -> role != Role.ADMIN ? ManualPostTaps.onlyAdmins() : manualTaps.askToConfirm(post);
            case CONFIRM_REJECT ->
                role != Role.ADMIN
                        ? ManualPostTaps.onlyAdmins()
                        : manualTaps.resolve(post, ManualAction.REJECTED, user);
            case BACK -> manualTaps.back(post);
            case AUTO_POST -> autoPostTap.handBack(post, user);
        };
    }

    private static Optional<Message> tappedMessage(CallbackQuery query) {
        if (query.getMessage() instanceof Message message
                && message.getChat() != null
                && message.getMessageId() != null) {
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
        MessageKind kind = message.hasPhoto()
                ? MessageKind.PHOTO
                : message.hasVideo()
                        ? MessageKind.VIDEO
                        : message.hasDocument() ? MessageKind.DOCUMENT : MessageKind.TEXT;
        String text = kind.hasCaption() ? message.getCaption() : message.getText();
        if (posts.adoptDelivered(post.postId(), access.chatOf(post.accountId()), message.getMessageId(), kind, text)) {
            log.info(
                    "post {}: a tap on message {} proves Telegram has it; recorded as sent",
                    post.postId(),
                    message.getMessageId());
            metrics.count("adopted");
        }
        return posts.find(post.postId());
    }
}
