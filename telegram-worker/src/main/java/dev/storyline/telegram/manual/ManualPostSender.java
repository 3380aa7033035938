package dev.storyline.telegram.manual;

import dev.storyline.contracts.events.EventEnvelope;
import dev.storyline.contracts.events.FallbackRequested;
import dev.storyline.contracts.events.PostFailed;
import dev.storyline.contracts.events.PostRequested;
import dev.storyline.contracts.events.Route;
import dev.storyline.contracts.json.RejectedEventException;
import dev.storyline.platform.lease.ClaimAttempt;
import dev.storyline.platform.outbox.Outbox;
import dev.storyline.telegram.TelegramProperties;
import dev.storyline.telegram.access.AccountChats;
import dev.storyline.telegram.botapi.BotApi;
import dev.storyline.telegram.botapi.BotApiException;
import dev.storyline.telegram.botapi.Retrying;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.telegram.telegrambots.meta.api.objects.message.Message;

/**
 * Puts every manual post in front of a person, exactly once: one message per post id, whatever the
 * number of deliveries or events. The post is claimed before the send; the message id is recorded
 * after it; a persistent Telegram failure ends the post as FAILED with {@code PostFailed}, in one
 * transaction — it is never dropped silently.
 */
@Component
public class ManualPostSender {

    private static final Logger log = LoggerFactory.getLogger(ManualPostSender.class);
    /** Above a re-sent post's caption: an earlier copy may be in the chat, and only this one's buttons count. */
    static final String SENT_AGAIN =
            "⚠ Sent again: Telegram did not confirm an earlier copy. If that copy is in the chat, "
                    + "its buttons no longer work; use this message.\n\n";

    private final ManualPosts posts;
    private final MessageComposer composer;
    private final Keyboards keyboards;
    private final BotApi bot;
    private final Retrying retrying;
    private final Outbox outbox;
    private final TransactionTemplate transactions;
    private final TelegramProperties properties;
    private final MeterRegistry meters;
    private final AccountChats accountChats;
    private final ResolvedElsewhere resolvedElsewhere;

    ManualPostSender(
            ManualPosts posts,
            MessageComposer composer,
            Keyboards keyboards,
            BotApi bot,
            Retrying retrying,
            Outbox outbox,
            TransactionTemplate transactions,
            TelegramProperties properties,
            MeterRegistry meters,
            AccountChats accountChats,
            ResolvedElsewhere resolvedElsewhere) {
        this.accountChats = accountChats;
        this.resolvedElsewhere = resolvedElsewhere;
        this.posts = posts;
        this.composer = composer;
        this.keyboards = keyboards;
        this.bot = bot;
        this.retrying = retrying;
        this.outbox = outbox;
        this.transactions = transactions;
        this.properties = properties;
        this.meters = meters;
    }

    public void onRequested(EventEnvelope<PostRequested> event) {
        PostRequested requested = event.payload();
        if (requested.route() != Route.MANUAL) {
            throw new RejectedEventException(
                    RejectedEventException.Reason.PERMANENT_FAILURE,
                    "telegram-worker only sends MANUAL posts, got route " + requested.route());
        }
        deliver(new ManualRequest(
                event,
                requested.content(),
                "chosen for manual posting (" + words(requested.routeReason()) + ")",
                null));
    }

    public void onFallback(EventEnvelope<FallbackRequested> event) {
        FallbackRequested fallback = event.payload();
        deliver(new ManualRequest(
                event,
                fallback.content(),
                "automatic posting failed: " + words(fallback.reasonCode().name()) + " — " + fallback.message(),
                fallback.hostedUrl()));
    }

    private void deliver(ManualRequest request) {
        UUID postId = request.source().postId();
        if (postId == null) {
            throw new RejectedEventException(
                    RejectedEventException.Reason.PERMANENT_FAILURE,
                    request.source().type() + " without postId");
        }
        if (properties.logOnly()) {
            OutgoingMessage message = composer.compose(request);
            log.info(
                    "log-only (TELEGRAM_BOT_TOKEN unset): would send post {} to the channel as {} with buttons "
                            + "Posted/Skip/Reject/Open Instagram:\n{}",
                    postId,
                    message.kind(),
                    message.text());
            count("log_only");
            return;
        }
        switch (posts.claim(request, properties.send().claimLease())) {
            case ClaimAttempt.Finished<ManualPost> finished -> {
                log.info(
                        "post {} is already {} on Telegram; {} {} sends nothing",
                        postId,
                        finished.row().status(),
                        request.source().type(),
                        request.source().eventId());
                count("duplicate");
            }
            // Not waited for here: the broker hands the delivery back later, and the posts behind it go out meanwhile.
            case ClaimAttempt.Busy<ManualPost> busy ->
                throw new IllegalStateException("post " + postId + " is being sent by another worker "
                        + "(or one that stopped mid-send, whose claim lapses by itself); retried later");
            case ClaimAttempt.Granted<ManualPost> granted -> {
                if (granted.row().claims() > properties.send().maxClaims()) {
                    fail(
                            request,
                            "the send was interrupted " + (granted.row().claims() - 1)
                                    + " times before Telegram's answer was recorded; not sending again");
                } else {
                    send(granted.row(), request);
                }
            }
        }
    }

    private void send(ManualPost claimed, ManualRequest request) {
        Instant deadline = Instant.now().plus(properties.send().budget());
        OutgoingMessage composed = composer.compose(request);
        OutgoingMessage message = claimed.claims() > 1 ? composed.prefixed(SENT_AGAIN) : composed;
        String chat = accountChats.chatFor(request.source().accountId(), properties.channelId());
        Runnable renew = () -> {
            if (!posts.renew(claimed, properties.send().claimLease())) {
                throw new IllegalStateException("lost the claim on post " + claimed.postId() + " to another worker");
            }
        };
        Message sent;
        try {
            try {
                sent = retrying.call(
                        "sending post " + claimed.postId(), deadline, renew, () -> sendOnce(chat, message, claimed));
            } catch (BotApiException e) {
                if (e.unconfirmed()) {
                    throw e;
                }
                if (!e.permanent() || !(message.kind() == MessageKind.PHOTO || message.kind() == MessageKind.VIDEO)) {
                    throw e;
                }
                // Telegram refuses some media as photo/video (dimensions, codec); as a file it still reaches a person.
                log.warn(
                        "post {}: Telegram refused the {} ({}); sending it as a document",
                        claimed.postId(),
                        message.kind(),
                        e.getMessage());
                OutgoingMessage document = composer.asDocument(message);
                sent = retrying.call(
                        "sending post " + claimed.postId() + " as a document",
                        deadline,
                        renew,
                        () -> sendOnce(chat, document, claimed));
                recordSent(claimed, chat, sent, document);
                return;
            }
        } catch (BotApiException e) {
            if (e.unconfirmed()) {
                unconfirmed(claimed, e);
            }
            fail(request, e.getMessage());
            return;
        }
        recordSent(claimed, chat, sent, message);
    }

    /**
     * Telegram may have posted the message without us learning its id. Not sent again now: the claim is
     * let go and the delivery handed back to the broker. If someone taps that message meanwhile, the tap
     * records it (see ManualPosts#adoptDelivered) and nothing is sent again; otherwise the next claim
     * sends a copy marked as sent again, and the earlier copy's buttons are refused and removed on a tap.
     * maxClaims still bounds the copies.
     */
    private void unconfirmed(ManualPost claimed, BotApiException e) {
        posts.releaseUnconfirmed(claimed, e.getMessage());
        count("unconfirmed");
        throw new IllegalStateException("post " + claimed.postId() + ": Telegram did not confirm the message ("
                + e.getMessage() + "); not repeated at once, retried later");
    }

    private Message sendOnce(String chat, OutgoingMessage message, ManualPost post) throws BotApiException {
        var keyboard = keyboards.decision(post.postId(), post.autoPost());
        return switch (message.kind()) {
            case PHOTO -> bot.sendPhoto(chat, message.file(), message.text(), keyboard);
            case VIDEO -> bot.sendVideo(chat, message.file(), message.text(), keyboard);
            case DOCUMENT -> bot.sendDocument(chat, message.file(), message.text(), keyboard);
            case TEXT -> bot.sendMessage(chat, message.text(), keyboard);
        };
    }

    private void recordSent(ManualPost claimed, String chat, Message sent, OutgoingMessage message) {
        if (posts.markSent(claimed, chat, sent.getMessageId(), message.kind(), message.text())) {
            log.info(
                    "post {} sent to Telegram as {} (message {})",
                    claimed.postId(),
                    message.kind(),
                    sent.getMessageId());
            count("sent");
            // decided on the web console or CLI while this message was on its way
            resolvedElsewhere.applyPending(claimed.postId());
        } else {
            log.warn(
                    "post {} was sent, but it was recorded meanwhile (a worker took over the claim, or a tap on the "
                            + "message proved delivery); that record stands",
                    claimed.postId());
        }
    }

    private void fail(ManualRequest request, String error) {
        UUID postId = request.source().postId();
        boolean emitted = Boolean.TRUE.equals(transactions.execute(status -> {
            if (!posts.markFailed(postId, error)) {
                return false;
            }
            outbox.append(request.source().followedBy(new PostFailed("telegram", error)));
            return true;
        }));
        if (emitted) {
            log.error("post {} could not be sent to Telegram, reported as failed: {}", postId, error);
            count("failed");
        }
    }

    private void count(String outcome) {
        meters.counter("storyline_telegram_manual_posts_total", "outcome", outcome)
                .increment();
    }

    private static String words(String code) {
        return code.toLowerCase().replace('_', ' ');
    }
}
