package dev.storyline.upload.requests;

import dev.storyline.contracts.events.EventEnvelope;
import dev.storyline.contracts.events.FallbackReason;
import dev.storyline.contracts.events.FallbackRequested;
import dev.storyline.contracts.events.MediaHosted;
import dev.storyline.contracts.events.PostRequested;
import dev.storyline.contracts.events.Route;
import dev.storyline.contracts.json.RejectedEventException;
import dev.storyline.contracts.outbox.Outbox;
import dev.storyline.upload.UploadProperties;
import dev.storyline.upload.hosting.CloudStorage;
import dev.storyline.upload.hosting.HostedMedia;
import dev.storyline.upload.hosting.HostingException;
import dev.storyline.upload.hosting.HostingRetry;
import dev.storyline.upload.hosting.StoryMedia;
import dev.storyline.upload.hosting.Upload;
import dev.storyline.upload.hosting.Uploads;
import dev.storyline.upload.media.MediaRoot;
import dev.storyline.upload.media.StoryImages;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Turns an automatic {@link PostRequested} into exactly one outcome: a {@link MediaHosted}, or a
 * {@link FallbackRequested} ({@code UPLOAD_FAILED}) that sends the post to Telegram. Never a lost post.
 *
 * <ol>
 *   <li>The post is claimed in {@code uploads} (UPLOADING, with a lease renewed while the upload runs)
 *       before anything is uploaded, so two deliveries, on one instance or two, never upload it twice.
 *       A delivery that finds another's live claim waits for its outcome, and if it does not come in
 *       time fails, so that the broker retries it (a deferred delivery must never count as processed).</li>
 *   <li>The media is made Story-ready and uploaded; transient failures are retried with backoff.</li>
 *   <li>The outcome and its event commit together, and only if the claim is still ours.</li>
 * </ol>
 * A live upload is reused; an expired or deleted one is hosted again; a post that fell back stays fallen back.
 */
@Component
class HostingRequests implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(HostingRequests.class);
    private static final Duration POLL = Duration.ofMillis(250);

    private final Uploads uploads;
    private final CloudStorage storage;
    private final MediaRoot mediaRoot;
    private final StoryImages storyImages;
    private final HostingRetry retry;
    private final Outbox outbox;
    private final TransactionTemplate transactions;
    private final Duration reuseMargin;
    private final String provider;
    private final Duration lease;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Timer hostedTimer;
    private final Timer failedTimer;
    private final ScheduledExecutorService renewals = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("upload-lease-renewal").daemon().factory());

    HostingRequests(Uploads uploads, CloudStorage storage, MediaRoot mediaRoot, StoryImages storyImages,
                    HostingRetry retry, Outbox outbox, TransactionTemplate transactions, UploadProperties properties,
                    Clock clock, MeterRegistry meters) {
        this.uploads = uploads;
        this.storage = storage;
        this.mediaRoot = mediaRoot;
        this.storyImages = storyImages;
        this.retry = retry;
        this.outbox = outbox;
        this.transactions = transactions;
        this.reuseMargin = properties.reuseMargin();
        this.provider = properties.storageProvider();
        this.lease = properties.lease();
        this.clock = clock;
        this.meters = meters;
        // both outcomes registered up front, so dashboards show a zero series before the first failure
        this.hostedTimer = uploadTimer(meters, properties.storageProvider(), "hosted");
        this.failedTimer = uploadTimer(meters, properties.storageProvider(), "failed");
    }

    /**
     * How long hosting one post's media takes, from preparing the Story-ready copy to the provider's
     * answer, retries and their backoff included: that is the delay the upload adds before the Graph API
     * call. A histogram, so p95/p99 can be aggregated across instances.
     */
    private static Timer uploadTimer(MeterRegistry meters, String provider, String outcome) {
        return Timer.builder("storyline_upload_duration_seconds")
                .description("Time to host one post's media (Story-ready copy, upload, retries)")
                .tag("provider", provider)
                .tag("outcome", outcome)
                .publishPercentileHistogram()
                .register(meters);
    }

    void onRequested(EventEnvelope<PostRequested> event) {
        PostRequested request = event.payload();
        if (request.route() != Route.AUTO) {
            throw new RejectedEventException(RejectedEventException.Reason.PERMANENT_FAILURE,
                    "upload-worker hosts AUTO posts only, got " + request.route());
        }
        if (event.postId() == null) {
            throw new RejectedEventException(RejectedEventException.Reason.PERMANENT_FAILURE,
                    "PostRequested " + event.eventId() + " has no postId");
        }
        UUID claimId = UUID.randomUUID();
        Instant waitUntil = clock.instant().plus(lease.multipliedBy(2));
        while (!uploads.claim(event.postId(), event.accountId(), request.content().mediaPath(),
                request.content().mimeType(), claimId, lease, clock.instant().plus(reuseMargin))) {
            Upload current = uploads.forPost(event.postId()).orElse(null);
            if (current == null) {
                continue; // deleted between the two statements: claim again
            }
            if (!Upload.UPLOADING.equals(current.status())) {
                // HOSTED and live (its MediaHosted committed with the row), or FAILED (its FallbackRequested did)
                log.info("post {} is already {} ({}); nothing to do", event.postId(), current.status(),
                        current.publicId() != null ? current.publicId() : current.failure());
                return;
            }
            if (clock.instant().isAfter(waitUntil)) {
                // Not done, only deferred: returning would mark this event processed, and if the holder then
                // died its own redelivery (same event id) would be skipped as a duplicate, stranding the post.
                // Failing hands the event to the broker's retry, which takes over once the holder's lease lapses.
                throw new IllegalStateException("post " + event.postId() + " is still being uploaded by claim "
                        + current.claimId() + "; retrying later");
            }
            sleep(POLL);
        }
        ScheduledFuture<?> renewal = renewals.scheduleAtFixedRate(() -> renew(event.postId(), claimId),
                lease.toMillis() / 3, lease.toMillis() / 3, TimeUnit.MILLISECONDS);
        try {
            host(event, claimId);
        } catch (RuntimeException e) {
            // not a hosting failure (e.g. the database): let the next delivery take over at once
            try {
                uploads.release(event.postId(), claimId);
            } catch (RuntimeException releaseFailure) {
                e.addSuppressed(releaseFailure);
            }
            throw e;
        } finally {
            renewal.cancel(false);
        }
    }

    private void host(EventEnvelope<PostRequested> event, UUID claimId) {
        PostRequested request = event.payload();
        String mediaPath = request.content().mediaPath();
        Upload claimed = uploads.forPost(event.postId()).orElseThrow();
        Optional<Path> original = mediaRoot.readableFile(mediaPath);
        if (original.isEmpty()) {
            fallBack(event, claimId, "media file " + mediaPath + " is missing or unreadable in MEDIA_ROOT");
            return;
        }
        StoryMedia media = null;
        HostedMedia hosted;
        // a missing file (above) is not timed: nothing was hosted, and its zero would flatter the histogram
        Timer.Sample hosting = Timer.start(meters);
        try {
            media = storyImages.prepare(request.content(), original.get());
            StoryMedia upload = media;
            String objectId = storage.objectId(event.postId(), claimId, upload);
            uploads.recordObject(provider, objectId, event.postId(), claimId, request.content().mimeType());
            hosted = retry.call(() -> storage.upload(event.accountId(), event.postId(), objectId, upload));
            hosting.stop(hostedTimer);
        } catch (HostingException e) {
            hosting.stop(failedTimer);
            String message = e.isTransient()
                    ? "hosting " + mediaPath + " failed " + retry.maxAttempts() + " times: " + e.getMessage()
                    : "hosting " + mediaPath + " failed: " + e.getMessage();
            fallBack(event, claimId, message);
            return;
        } finally {
            if (media != null && media.converted()) {
                StoryImages.deleteQuietly(media.file());
            }
        }

        EventEnvelope<MediaHosted> announcement = event.followedBy(new MediaHosted(request.content(), hosted.url(),
                hosted.provider(), hosted.publicId(), hosted.expiresAt(), request.instagramUserId(), request.dryRun()));
        boolean recorded = Boolean.TRUE.equals(transactions.execute(status -> {
            if (!uploads.recordHosted(event.postId(), claimId, hosted, announcement.eventId())) {
                return false;
            }
            outbox.append(announcement);
            return true;
        }));
        if (!recorded) {
            // our lease ran out and another delivery took over: its outcome stands, our copy is surplus
            log.warn("lost the claim on post {} while uploading; discarding the extra copy {}", event.postId(),
                    hosted.publicId());
            deleteQuietly(hosted.publicId(), request.content().mimeType());
            return;
        }
        log.info("hosted post {} ({}) with {} as {} until {}", event.postId(), mediaPath, hosted.provider(),
                hosted.publicId(), hosted.expiresAt());
        if (claimed.hasCopy() && !claimed.publicId().equals(hosted.publicId())) {
            // the expired copy this one replaces
            deleteQuietly(claimed.publicId(), claimed.mimeType());
        }
    }

    private void fallBack(EventEnvelope<PostRequested> event, UUID claimId, String message) {
        EventEnvelope<FallbackRequested> fallback = event.followedBy(new FallbackRequested(event.payload().content(),
                FallbackReason.UPLOAD_FAILED, message, null));
        boolean recorded = Boolean.TRUE.equals(transactions.execute(status -> {
            if (!uploads.recordFailed(event.postId(), claimId, message)) {
                return false;
            }
            outbox.append(fallback);
            return true;
        }));
        if (recorded) {
            log.warn("post {} goes to Telegram: {}", event.postId(), message);
        } else {
            log.warn("lost the claim on post {} before falling back; the other delivery's outcome stands",
                    event.postId());
        }
    }

    private void renew(UUID postId, UUID claimId) {
        try {
            if (!uploads.renew(postId, claimId, lease)) {
                log.warn("could not renew the claim on post {}: it was taken over", postId);
            }
        } catch (RuntimeException e) {
            log.warn("could not renew the claim on post {}: {}", postId, e.toString());
        }
    }

    private void deleteQuietly(String publicId, String mimeType) {
        try {
            retry.run(() -> storage.delete(publicId, mimeType));
            uploads.objectDeleted(publicId);
        } catch (RuntimeException e) {
            log.warn("could not delete the surplus copy {}: {}", publicId, e.toString());
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for another upload of the same post", e);
        }
    }

    @Override
    public void destroy() {
        renewals.shutdownNow();
    }
}
