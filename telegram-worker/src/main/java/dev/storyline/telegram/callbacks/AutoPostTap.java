package dev.storyline.telegram.callbacks;

import dev.storyline.contracts.events.AutoPostRequested;
import dev.storyline.platform.outbox.Outbox;
import dev.storyline.telegram.access.DisplayName;
import dev.storyline.telegram.manual.ManualPost;
import dev.storyline.telegram.manual.ManualPosts;
import dev.storyline.telegram.scheduler.SchedulerApiException;
import dev.storyline.telegram.scheduler.SchedulerClient;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.telegram.telegrambots.meta.api.objects.User;

/**
 * 🤖 Auto post: only while the scheduler sees the account's API healthy, so the post does not bounce
 * straight back; the scheduler checks again when it dispatches (and returns the post if it cannot).
 */
@Component
class AutoPostTap {

    private static final Logger log = LoggerFactory.getLogger(AutoPostTap.class);

    private final ManualPosts posts;
    private final SchedulerClient scheduler;
    private final Outbox outbox;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final PostMessage message;
    private final TapMetrics metrics;

    AutoPostTap(
            ManualPosts posts,
            SchedulerClient scheduler,
            Outbox outbox,
            TransactionTemplate transactions,
            Clock clock,
            PostMessage message,
            TapMetrics metrics) {
        this.posts = posts;
        this.scheduler = scheduler;
        this.outbox = outbox;
        this.transactions = transactions;
        this.clock = clock;
        this.message = message;
        this.metrics = metrics;
    }

    Answer handBack(ManualPost post, User user) {
        if (!post.autoPost()) {
            return new Answer("This post cannot go through the API; post it by hand.", true);
        }
        if (post.status() != ManualPost.Status.SENT) {
            return Answer.alreadyDecided(post);
        }
        Optional<SchedulerClient.Account> account;
        try {
            account = scheduler.accounts().stream()
                    .filter(a -> a.id().equals(post.accountId()))
                    .findFirst();
        } catch (SchedulerApiException e) {
            return new Answer(
                    "Cannot check the API right now (" + e.getMessage() + "); post it by hand or try again.", true);
        }
        Instant now = clock.instant();
        SchedulerClient.ApiState state = account.map(a -> a.apiState(now)).orElse(null);
        if (state != SchedulerClient.ApiState.HEALTHY) {
            metrics.count("auto_post_refused");
            String why = state == null
                    ? "unknown account"
                    : switch (state) {
                        case OFF -> "API posting is off";
                        case TOKEN_UNHEALTHY -> "its token is not healthy";
                        case RESTING ->
                            "it is resting after a rate limit until "
                                    + Answer.TIME.format(account.get().apiPausedUntil());
                        case HEALTHY -> throw new IllegalStateException("unreachable");
                    };
            return new Answer(
                    "The API cannot post for " + post.accountId() + " right now (" + why
                            + "); post it by hand or try later.",
                    true);
        }
        String name = DisplayName.of(user);
        Optional<ManualPost> handed = transactions.execute(status -> {
            Optional<ManualPost> won = posts.handBack(post.postId(), user.getId(), name);
            won.ifPresent(row -> outbox.append(row.event(
                    new AutoPostRequested(user.getId(), user.getUserName(), clock.instant()), clock.instant())));
            return won;
        });
        if (handed.isEmpty()) {
            metrics.count("too_late");
            return Answer.alreadyDecided(posts.find(post.postId()).orElse(post));
        }
        log.info("post {} handed back to the API by Telegram user {}", post.postId(), user.getId());
        metrics.count("auto_post");
        message.edit(
                handed.get(),
                handed.get().caption() + "\n\n🤖 Handed to the API by " + name + " at "
                        + Answer.TIME.format(handed.get().resolvedAt()) + ".",
                null);
        return new Answer("Handed to the API — thanks, " + name + ".", false);
    }
}
