package dev.storyline.telegram.manual;

import dev.storyline.contracts.events.EventEnvelope;
import dev.storyline.contracts.events.ManualAction;
import dev.storyline.contracts.events.ManualPostResolved;
import dev.storyline.telegram.botapi.BotApi;
import dev.storyline.telegram.botapi.BotApiException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A post decided outside Telegram (web console, CLI, admin API) shows it on its message: the buttons go,
 * the text says who, where and when. The decision is stored first ({@code outside_resolutions}) and applied
 * by a compare-and-set on a message waiting for a tap, so a redelivered event, a tap racing it, or a message
 * recorded only later (still sending when the event came) each end with one edit at most, and the first
 * decision shows everywhere. A post whose message never existed (an automatic post, a failed send) keeps
 * the stored decision, which changes nothing.
 */
@Component
public class ResolvedElsewhere {

    private static final Logger log = LoggerFactory.getLogger(ResolvedElsewhere.class);
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final ManualPosts posts;
    private final BotApi bot;
    private final TransactionTemplate transactions;

    ResolvedElsewhere(ManualPosts posts, BotApi bot, TransactionTemplate transactions) {
        this.posts = posts;
        this.bot = bot;
        this.transactions = transactions;
    }

    public void onResolved(EventEnvelope<ManualPostResolved> event) {
        ManualPostResolved decision = event.payload();
        if (event.postId() == null || ManualPostResolved.VIA_TELEGRAM.equals(decision.face())) {
            // a tap here was recorded and shown by the tap itself
            return;
        }
        Optional<ManualPost> applied = transactions.execute(status -> {
            posts.recordOutside(
                    event.postId(),
                    event.accountId(),
                    decision.action(),
                    decision.who(),
                    decision.face(),
                    decision.resolvedAt());
            return posts.applyOutside(event.postId());
        });
        if (applied != null && applied.isPresent()) {
            show(applied.get());
        } else {
            log.info(
                    "post {} was resolved {}; its message is not waiting for a tap, nothing to change",
                    event.postId(),
                    byWhom(decision.who(), decision.face()));
        }
    }

    /** A decision from elsewhere that waited for this post's message: applied and shown now, if any. */
    public Optional<ManualPost> applyPending(UUID postId) {
        Optional<ManualPost> applied = posts.applyOutside(postId);
        applied.ifPresent(this::show);
        return applied;
    }

    private void show(ManualPost post) {
        String text = (post.caption() == null ? "" : post.caption() + "\n\n") + outcome(post);
        try {
            if (post.kind().hasCaption()) {
                bot.editCaption(post.chatId(), post.messageId(), text, null);
            } else {
                bot.editText(post.chatId(), post.messageId(), text, null);
            }
            log.info("post {} resolved {}: its message shows it", post.postId(), byWhom(post));
        } catch (BotApiException e) {
            // the decision is recorded everywhere; a message that still shows buttons refuses their taps
            log.warn("could not show the outcome of post {} on its message: {}", post.postId(), e.getMessage());
        }
    }

    static String outcome(ManualPost post) {
        String icon = switch (post.resolvedAction()) {
            case POSTED -> "✅";
            case SKIPPED -> "⏭";
            case REJECTED -> "🚫";
        };
        return icon + " " + verb(post.resolvedAction()) + " " + byWhom(post) + " · " + TIME.format(post.resolvedAt());
    }

    /** "by ana@brand.com on the web console", for a post decided elsewhere. */
    public static String byWhom(ManualPost post) {
        return byWhom(post.resolvedByName(), post.resolvedVia());
    }

    static String byWhom(String by, String via) {
        return switch (via) {
            case ManualPostResolved.VIA_WEB_CONSOLE -> "by " + by + " on the web console";
            case ManualPostResolved.VIA_CLI -> "cli".equalsIgnoreCase(by) ? "by the CLI" : "by " + by + " with the CLI";
            case ManualPostResolved.VIA_ADMIN_API -> "by " + by + " through the admin API";
            case ManualPostResolved.VIA_DRY_RUN -> "by the scheduler (dry run)";
            default -> "by " + by + " (" + via + ")";
        };
    }

    static String verb(ManualAction action) {
        return switch (action) {
            case POSTED -> "Posted";
            case SKIPPED -> "Skipped";
            case REJECTED -> "Rejected";
        };
    }

    public static String time(ManualPost post) {
        return TIME.format(post.resolvedAt());
    }
}
