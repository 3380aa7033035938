package dev.storyline.instagram.publishing;

import dev.storyline.contracts.events.AdminAlert;
import dev.storyline.contracts.events.AlertSeverity;
import dev.storyline.contracts.events.EventEnvelope;
import dev.storyline.contracts.events.FallbackReason;
import dev.storyline.contracts.events.FallbackRequested;
import dev.storyline.contracts.events.MediaHosted;
import dev.storyline.contracts.events.PostMethod;
import dev.storyline.contracts.events.PostPublished;
import dev.storyline.contracts.json.RejectedEventException;
import dev.storyline.instagram.InstagramProperties;
import dev.storyline.instagram.graph.GraphApiException;
import dev.storyline.instagram.health.AccountApiHealth;
import dev.storyline.platform.consuming.InboxMark;
import dev.storyline.platform.lease.ClaimAttempt;
import dev.storyline.platform.lease.Leases;
import dev.storyline.platform.outbox.Outbox;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turns a {@code MediaHosted} into exactly one outcome per post: {@code PostPublished} or
 * {@code FallbackRequested}. The post is claimed in the database before any external call; the
 * outcome is written together with the row's final status, so a redelivered event, a new event for
 * the same post, or a second worker finds the post finished and does nothing. The delivery's inbox
 * check shares the claim's transaction and its inbox mark the outcome's.
 */
@Component
class StoryPublisher {

    private static final Logger log = LoggerFactory.getLogger(StoryPublisher.class);
    private static final Duration BUSY_RECHECK = Duration.ofSeconds(1);

    private final Publications publications;
    private final GraphPublishing graph;
    private final Outbox outbox;
    private final TransactionTemplate transactions;
    private final InstagramProperties properties;
    private final Clock clock;
    private final MeterRegistry meters;
    private final AccountApiHealth health;

    StoryPublisher(
            Publications publications,
            GraphPublishing graph,
            Outbox outbox,
            TransactionTemplate transactions,
            InstagramProperties properties,
            Clock clock,
            MeterRegistry meters,
            AccountApiHealth health) {
        this.health = health;
        this.publications = publications;
        this.graph = graph;
        this.outbox = outbox;
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
        this.meters = meters;
    }

    void onHosted(EventEnvelope<MediaHosted> event, InboxMark inbox) {
        UUID postId = event.postId();
        if (postId == null) {
            throw new RejectedEventException(
                    RejectedEventException.Reason.PERMANENT_FAILURE, "MediaHosted without postId");
        }
        if (properties.dryRun() && !event.payload().dryRun()) {
            if (inbox.alreadyProcessed()) {
                return;
            }
            refuseLivePostInDryRun(event);
        }
        boolean dryRun = event.payload().dryRun();
        ClaimAttempt<Publication> claim = claimWaitingForOthers(postId, event.accountId(), dryRun, inbox);
        if (claim == null) {
            log.info("{} {} for post {} was already processed", event.type(), event.eventId(), postId);
            return;
        }
        switch (claim) {
            case ClaimAttempt.Finished<Publication> finished -> {
                log.info(
                        "post {} is already {}; {} {} has no further effect",
                        postId,
                        finished.row().status(),
                        event.type(),
                        event.eventId());
                count(event, "duplicate", "none");
            }
            case ClaimAttempt.Busy<Publication> busy ->
                throw PublishFailure.retryable("post " + postId + " is held by another worker");
            case ClaimAttempt.Granted<Publication> granted -> work(granted.row(), event, inbox);
        }
    }

    /**
     * The scheduler planned this post live but this worker runs with DRY_RUN=true: "publishing" it in
     * dry-run would report a Story that never reached Instagram. It goes to the DLQ instead (a replay
     * after DRY_RUN=false publishes it), and the admins are told.
     */
    private void refuseLivePostInDryRun(EventEnvelope<MediaHosted> event) {
        String message = "post " + event.postId() + " was planned live (dryRun=false) but instagram-worker runs with "
                + "DRY_RUN=true: not published; set DRY_RUN=false on instagram-worker, then replay it from the DLQ";
        transactions.executeWithoutResult(status -> outbox.append(event.followedBy(
                new AdminAlert("instagram-dry-run-live-post:" + event.accountId(), AlertSeverity.CRITICAL, message))));
        count(event, "refused_live_in_dry_run", "none");
        log.error(message);
        throw new RejectedEventException(RejectedEventException.Reason.PERMANENT_FAILURE, message);
    }

    /**
     * Another worker holding the post (a redelivery racing the original) renews its claim while it
     * works; waiting one lease length lets it finish or lets a crashed holder's claim lapse, instead of
     * burning the broker's retries on a post that is in good hands. Each attempt checks the inbox in the
     * claim's transaction; null once the event was processed.
     */
    private ClaimAttempt<Publication> claimWaitingForOthers(
            UUID postId, String accountId, boolean dryRun, InboxMark inbox) {
        Duration lease = properties.claimLease();
        return Leases.waitWhileBusy(
                () -> transactions.execute(status ->
                        inbox.alreadyProcessed() ? null : publications.claim(postId, accountId, dryRun, lease)),
                lease.plus(BUSY_RECHECK),
                BUSY_RECHECK);
    }

    private void work(Publication claimed, EventEnvelope<MediaHosted> event, InboxMark inbox) {
        if (event.payload().content().requiresInteraction()) {
            // Stickers (link, poll, location) cannot be published through the API.
            fallBack(
                    claimed,
                    event,
                    inbox,
                    FallbackReason.MEDIA_REJECTED,
                    "the Story needs stickers, which only the app can add");
            return;
        }
        if (claimed.dryRun()) {
            published(claimed, event, inbox, "dry-run-" + claimed.postId(), null, true);
            return;
        }
        PublishFailure failure;
        boolean fromGraph = false;
        try {
            GraphPublishing.Published done = graph.publish(claimed, event);
            published(claimed, event, inbox, done.storyId(), done.containerId(), false);
            health.success(event.accountId());
            return;
        } catch (GraphApiException e) {
            failure = PublishFailure.from(e);
            fromGraph = true;
        } catch (PublishFailure e) {
            failure = e;
        } catch (RuntimeException e) {
            releaseQuietly(claimed, e.toString());
            throw e;
        }
        if (failure.isRetryable() && claimed.attempts() < properties.maxAttempts()) {
            log.warn(
                    "post {} attempt {} of {} failed, will retry: {}",
                    claimed.postId(),
                    claimed.attempts(),
                    properties.maxAttempts(),
                    failure.getMessage());
            releaseQuietly(claimed, failure.getMessage());
            if (fromGraph) {
                // An answer (or silence) from Meta says something about the account's API health; a lost
                // claim or this instance's own pacing does not.
                health.failure(event.accountId(), failure.reason().name(), failure.getMessage());
            }
            throw failure;
        }
        health.failure(event.accountId(), failure.reason().name(), failure.getMessage());
        log.warn(
                "post {} falls back to Telegram ({}) after attempt {}: {}",
                claimed.postId(),
                failure.reason(),
                claimed.attempts(),
                failure.getMessage());
        // A person reads this: a failure worth retrying that ends here must say the retries are over.
        String message = failure.isRetryable()
                ? "gave up after " + claimed.attempts() + " attempts: " + failure.getMessage()
                : failure.getMessage();
        fallBack(claimed, event, inbox, failure.reason(), message, failure.tokenGeneration());
    }

    private void published(
            Publication claimed,
            EventEnvelope<MediaHosted> event,
            InboxMark inbox,
            String storyId,
            String containerId,
            boolean dryRun) {
        boolean emitted = Boolean.TRUE.equals(transactions.execute(status -> {
            if (!publications.markPublished(claimed, storyId)) {
                return false;
            }
            outbox.append(event.followedBy(
                    new PostPublished(storyId, containerId, PostMethod.INSTAGRAM_API, clock.instant(), dryRun)));
            inbox.markWithOutcome();
            return true;
        }));
        if (emitted) {
            count(event, dryRun ? "dry_run" : "published", "none");
        } else {
            log.warn(
                    "post {} was finished or taken over by another worker meanwhile; not reporting story {}",
                    event.postId(),
                    storyId);
        }
    }

    private void fallBack(
            Publication claimed,
            EventEnvelope<MediaHosted> event,
            InboxMark inbox,
            FallbackReason reason,
            String message) {
        fallBack(claimed, event, inbox, reason, message, null);
    }

    private void fallBack(
            Publication claimed,
            EventEnvelope<MediaHosted> event,
            InboxMark inbox,
            FallbackReason reason,
            String message,
            Long tokenGeneration) {
        MediaHosted hosted = event.payload();
        boolean emitted = Boolean.TRUE.equals(transactions.execute(status -> {
            if (!publications.markFailed(claimed, reason + ": " + message)) {
                return false;
            }
            outbox.append(event.followedBy(
                    new FallbackRequested(hosted.content(), reason, message, hosted.url(), tokenGeneration)));
            inbox.markWithOutcome();
            return true;
        }));
        if (emitted) {
            count(event, "fallback", reason.name().toLowerCase());
        } else {
            log.warn(
                    "post {} was finished or taken over by another worker meanwhile; dropping this worker's {} fallback",
                    event.postId(),
                    reason);
        }
    }

    private void releaseQuietly(Publication claimed, String error) {
        try {
            publications.release(claimed, error);
        } catch (RuntimeException e) {
            // The lease lapses by itself; the retry only waits a little longer.
            log.warn("could not release the claim on post {}: {}", claimed.postId(), e.toString());
        }
    }

    private void count(EventEnvelope<MediaHosted> event, String outcome, String reason) {
        meters.counter(
                        "storyline_instagram_outcomes_total",
                        "account",
                        event.accountId(),
                        "outcome",
                        outcome,
                        "reason",
                        reason)
                .increment();
    }
}
