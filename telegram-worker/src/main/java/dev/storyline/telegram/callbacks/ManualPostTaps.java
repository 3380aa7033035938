package dev.storyline.telegram.callbacks;

import dev.storyline.contracts.events.ManualAction;
import dev.storyline.contracts.events.ManualPostResolved;
import dev.storyline.platform.outbox.Outbox;
import dev.storyline.telegram.access.DisplayName;
import dev.storyline.telegram.manual.Keyboards;
import dev.storyline.telegram.manual.ManualPost;
import dev.storyline.telegram.manual.ManualPosts;
import dev.storyline.telegram.manual.ResolvedElsewhere;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.telegram.telegrambots.meta.api.objects.User;

/**
 * The taps that decide a post by hand: Posted, Skip, and Reject with its confirm/back step. The first
 * decision wins in the database and its {@code ManualPostResolved} is written in the same transaction;
 * later taps learn who already did what.
 */
@Component
class ManualPostTaps {

    private static final Logger log = LoggerFactory.getLogger(ManualPostTaps.class);

    private final ManualPosts posts;
    private final Keyboards keyboards;
    private final Outbox outbox;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final PostMessage message;
    private final TapMetrics metrics;
    private final ResolvedElsewhere resolvedElsewhere;

    ManualPostTaps(
            ManualPosts posts,
            Keyboards keyboards,
            Outbox outbox,
            TransactionTemplate transactions,
            Clock clock,
            PostMessage message,
            TapMetrics metrics,
            ResolvedElsewhere resolvedElsewhere) {
        this.resolvedElsewhere = resolvedElsewhere;
        this.posts = posts;
        this.keyboards = keyboards;
        this.outbox = outbox;
        this.transactions = transactions;
        this.clock = clock;
        this.message = message;
        this.metrics = metrics;
    }

    Answer resolve(ManualPost post, ManualAction action, User user) {
        String name = DisplayName.of(user);
        // a decision from elsewhere that has not reached this message yet still came first
        Optional<ManualPost> decidedElsewhere = resolvedElsewhere.applyPending(post.postId());
        if (decidedElsewhere.isPresent()) {
            metrics.count("too_late");
            return Answer.alreadyDecided(decidedElsewhere.get());
        }
        Optional<ManualPost> resolved = transactions.execute(status -> {
            Optional<ManualPost> won = posts.resolve(post.postId(), action, user.getId(), name);
            won.ifPresent(row -> outbox.append(row.event(
                    new ManualPostResolved(action, user.getId(), user.getUserName(), row.resolvedAt()),
                    clock.instant())));
            return won;
        });
        if (resolved.isEmpty()) {
            metrics.count("too_late");
            return Answer.alreadyDecided(posts.find(post.postId()).orElse(post));
        }
        ManualPost row = resolved.get();
        log.info("post {} resolved as {} by Telegram user {}", row.postId(), action, user.getId());
        metrics.count(action.name().toLowerCase());
        message.edit(row, row.caption() + "\n\n" + outcome(row), null);
        return new Answer(Answer.verb(action) + " — thanks, " + name + ".", false);
    }

    Answer askToConfirm(ManualPost post) {
        if (post.status() != ManualPost.Status.SENT) {
            return Answer.alreadyDecided(post);
        }
        message.editKeyboard(post, keyboards.confirmReject(post.postId()));
        return new Answer("Reject locks this media for good. Tap “Yes, reject” to confirm.", false);
    }

    Answer back(ManualPost post) {
        if (post.status() != ManualPost.Status.SENT) {
            return Answer.alreadyDecided(post);
        }
        message.editKeyboard(post, keyboards.decision(post.postId(), post.autoPost()));
        return new Answer("", false);
    }

    static Answer onlyAdmins() {
        return new Answer("Only admins can reject a post.", true);
    }

    private static String outcome(ManualPost post) {
        String icon = switch (post.resolvedAction()) {
            case POSTED -> "✅";
            case SKIPPED -> "⏭";
            case REJECTED -> "🚫";
        };
        return icon + " " + Answer.verb(post.resolvedAction()) + " by " + post.resolvedByName() + " · "
                + Answer.TIME.format(post.resolvedAt());
    }
}
