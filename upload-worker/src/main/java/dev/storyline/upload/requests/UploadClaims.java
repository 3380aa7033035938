package dev.storyline.upload.requests;

import dev.storyline.contracts.events.EventEnvelope;
import dev.storyline.contracts.events.PostRequested;
import dev.storyline.platform.consuming.InboxMark;
import dev.storyline.platform.lease.Claim;
import dev.storyline.platform.lease.ClaimAttempt;
import dev.storyline.platform.lease.Leases;
import dev.storyline.upload.UploadProperties;
import dev.storyline.upload.hosting.Upload;
import dev.storyline.upload.hosting.Uploads;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The lease side of hosting a post ({@link HostingRequests}): the post is claimed in {@code uploads}
 * (UPLOADING) before anything is uploaded, so two deliveries, on one instance or two, never upload it
 * twice; the lease is renewed in the background while the upload runs, and given back at once if the
 * work fails for a reason that is not a hosting failure.
 */
@Component
class UploadClaims implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(UploadClaims.class);
    private static final Duration POLL = Duration.ofMillis(250);

    private final Uploads uploads;
    private final Duration lease;
    private final Duration reuseMargin;
    private final Clock clock;
    private final TransactionTemplate transactions;
    private final ScheduledExecutorService renewals = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("upload-lease-renewal").daemon().factory());

    UploadClaims(Uploads uploads, UploadProperties properties, Clock clock, TransactionTemplate transactions) {
        this.uploads = uploads;
        this.transactions = transactions;
        this.lease = properties.lease();
        this.reuseMargin = properties.reuseMargin();
        this.clock = clock;
    }

    /**
     * Claims the post for this delivery; empty if there is nothing to do: the event was already
     * processed (the inbox says so), or the post is HOSTED and live (its MediaHosted committed with the
     * row) or FAILED (its FallbackRequested did). The inbox check, the claim and the row as the claim left
     * it are one transaction, one commit. A delivery that finds another's live claim waits for its outcome
     * for two leases, and if it does not come in time fails, so that the broker retries it (a deferred
     * delivery must never count as processed).
     */
    Optional<ClaimAttempt.Granted<Upload>> claim(EventEnvelope<PostRequested> event, InboxMark inbox) {
        ClaimAttempt<Upload> attempt = Leases.waitWhileBusy(
                () -> transactions.execute(status -> inbox.alreadyProcessed() ? null : attemptOnce(event)),
                lease.multipliedBy(2),
                POLL);
        if (attempt == null) {
            log.info("event {} for post {} was already processed; nothing to do", event.eventId(), event.postId());
            return Optional.empty();
        }
        return switch (attempt) {
            case ClaimAttempt.Granted<Upload> granted -> Optional.of(granted);
            case ClaimAttempt.Finished<Upload> finished -> {
                Upload current = finished.row();
                log.info(
                        "post {} is already {} ({}); nothing to do",
                        event.postId(),
                        current.status(),
                        current.publicId() != null ? current.publicId() : current.failure());
                yield Optional.empty();
            }
            case ClaimAttempt.Busy<Upload> busy -> {
                if (Thread.currentThread().isInterrupted()) {
                    throw new IllegalStateException("interrupted while waiting for another upload of the same post");
                }
                // Not done, only deferred: returning would mark this event processed, and if the holder then
                // died its own redelivery (same event id) would be skipped as a duplicate, stranding the post.
                // Failing hands the event to the broker's retry, which takes over once the holder's lease lapses.
                throw new IllegalStateException("post " + event.postId() + " is still being uploaded by claim "
                        + busy.row().claimId() + "; retrying later");
            }
        };
    }

    private ClaimAttempt<Upload> attemptOnce(EventEnvelope<PostRequested> event) {
        PostRequested request = event.payload();
        while (true) {
            Optional<ClaimAttempt<Upload>> attempt = uploads.claim(
                    event.postId(),
                    event.accountId(),
                    request.content().mediaPath(),
                    request.content().mimeType(),
                    lease,
                    clock.instant().plus(reuseMargin));
            if (attempt.isPresent()) {
                return attempt.get();
            }
            // deleted between the two statements: claim again
        }
    }

    /**
     * Runs {@code work} under {@code claim}, renewing its lease every third of it. If the work fails
     * unexpectedly (not a hosting failure, e.g. the database), the claim is released so that the next
     * delivery takes over at once.
     */
    void whileHeld(Claim claim, Runnable work) {
        ScheduledFuture<?> renewal = renewals.scheduleAtFixedRate(
                () -> renew(claim), lease.toMillis() / 3, lease.toMillis() / 3, TimeUnit.MILLISECONDS);
        try {
            work.run();
        } catch (RuntimeException e) {
            try {
                uploads.release(claim);
            } catch (RuntimeException releaseFailure) {
                e.addSuppressed(releaseFailure);
            }
            throw e;
        } finally {
            renewal.cancel(false);
        }
    }

    private void renew(Claim claim) {
        try {
            if (!uploads.renew(claim, lease)) {
                log.warn("could not renew the claim on post {}: it was taken over", claim.key());
            }
        } catch (RuntimeException e) {
            log.warn("could not renew the claim on post {}: {}", claim.key(), e.toString());
        }
    }

    @Override
    public void destroy() {
        renewals.shutdownNow();
    }
}
