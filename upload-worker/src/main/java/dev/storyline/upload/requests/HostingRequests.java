package dev.storyline.upload.requests;

import dev.storyline.contracts.events.EventEnvelope;
import dev.storyline.contracts.events.FallbackReason;
import dev.storyline.contracts.events.FallbackRequested;
import dev.storyline.contracts.events.MediaHosted;
import dev.storyline.contracts.events.PostRequested;
import dev.storyline.contracts.events.Route;
import dev.storyline.contracts.json.RejectedEventException;
import dev.storyline.platform.consuming.InboxMark;
import dev.storyline.platform.lease.Claim;
import dev.storyline.platform.lease.ClaimAttempt;
import dev.storyline.platform.outbox.Outbox;
import dev.storyline.upload.UploadProperties;
import dev.storyline.upload.hosting.CloudStorage;
import dev.storyline.upload.hosting.HostedMedia;
import dev.storyline.upload.hosting.HostingException;
import dev.storyline.upload.hosting.HostingRetry;
import dev.storyline.upload.hosting.MediaRoot;
import dev.storyline.upload.hosting.StoryMedia;
import dev.storyline.upload.hosting.Upload;
import dev.storyline.upload.hosting.Uploads;
import dev.storyline.upload.media.StoryImages;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turns an automatic {@link PostRequested} into exactly one outcome: a {@link MediaHosted}, or a
 * {@link FallbackRequested} ({@code UPLOAD_FAILED}) that sends the post to Telegram. Never a lost post.
 *
 * <ol>
 *   <li>The post is claimed in {@code uploads} (UPLOADING, with a lease renewed while the upload runs;
 *       see {@link UploadClaims}) before anything is uploaded, so two deliveries, on one instance or two, never upload it twice.
 *       A delivery that finds another's live claim waits for its outcome, and if it does not come in
 *       time fails, so that the broker retries it (a deferred delivery must never count as processed).</li>
 *   <li>The media is made Story-ready and uploaded; transient failures are retried with backoff.</li>
 *   <li>The outcome, its event and the delivery's inbox mark commit together, and only if the claim is
 *       still ours: a redelivery after that commit finds the event processed.</li>
 * </ol>
 * A live upload is reused; an expired or deleted one is hosted again; a post that fell back stays fallen back.
 */
@Component
class HostingRequests {

    private static final Logger log = LoggerFactory.getLogger(HostingRequests.class);

    private final UploadClaims claims;
    private final Uploads uploads;
    private final CloudStorage storage;
    private final MediaRoot mediaRoot;
    private final StoryImages storyImages;
    private final HostingRetry retry;
    private final Outbox outbox;
    private final TransactionTemplate transactions;
    private final String provider;
    private final MeterRegistry meters;
    private final Timer hostedTimer;
    private final Timer failedTimer;

    HostingRequests(
            UploadClaims claims,
            Uploads uploads,
            CloudStorage storage,
            MediaRoot mediaRoot,
            StoryImages storyImages,
            HostingRetry retry,
            Outbox outbox,
            TransactionTemplate transactions,
            UploadProperties properties,
            MeterRegistry meters) {
        this.claims = claims;
        this.uploads = uploads;
        this.storage = storage;
        this.mediaRoot = mediaRoot;
        this.storyImages = storyImages;
        this.retry = retry;
        this.outbox = outbox;
        this.transactions = transactions;
        this.provider = properties.storageProvider();
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

    void onRequested(EventEnvelope<PostRequested> event, InboxMark inbox) {
        PostRequested request = event.payload();
        if (request.route() != Route.AUTO) {
            throw new RejectedEventException(
                    RejectedEventException.Reason.PERMANENT_FAILURE,
                    "upload-worker hosts AUTO posts only, got " + request.route());
        }
        if (event.postId() == null) {
            throw new RejectedEventException(
                    RejectedEventException.Reason.PERMANENT_FAILURE,
                    "PostRequested " + event.eventId() + " has no postId");
        }
        Optional<ClaimAttempt.Granted<Upload>> granted = claims.claim(event, inbox);
        if (granted.isPresent()) {
            Claim claim = granted.get().claim();
            claims.whileHeld(claim, () -> host(event, claim, granted.get().row(), inbox));
        }
    }

    /** {@code claimed} is the row as the claim left it: the copy it replaces, if any, is still named there. */
    private void host(EventEnvelope<PostRequested> event, Claim claim, Upload claimed, InboxMark inbox) {
        PostRequested request = event.payload();
        String mediaPath = request.content().mediaPath();
        Optional<Path> original = mediaRoot.readableFile(mediaPath);
        if (original.isEmpty()) {
            fallBack(event, claim, inbox, "media file " + mediaPath + " is missing or unreadable in MEDIA_ROOT");
            return;
        }
        StoryMedia media = null;
        HostedMedia hosted;
        // a missing file (above) is not timed: nothing was hosted, and its zero would flatter the histogram
        Timer.Sample hosting = Timer.start(meters);
        try {
            media = storyImages.prepare(request.content(), original.get());
            StoryMedia upload = media;
            String objectId = storage.objectId(event.postId(), claim.token(), upload);
            if (storage.leavesObject(upload)) {
                // committed before the upload: if the answer, the claim or the process is lost, the sweep
                // still knows the object exists
                uploads.recordObject(
                        provider,
                        objectId,
                        event.postId(),
                        claim.token(),
                        request.content().mimeType());
            }
            hosted = retry.call(() -> storage.upload(event.accountId(), event.postId(), objectId, upload));
            hosting.stop(hostedTimer);
        } catch (HostingException e) {
            hosting.stop(failedTimer);
            String message = e.isTransient()
                    ? "hosting " + mediaPath + " failed " + retry.maxAttempts() + " times: " + e.getMessage()
                    : "hosting " + mediaPath + " failed: " + e.getMessage();
            fallBack(event, claim, inbox, message);
            return;
        } finally {
            if (media != null && media.converted()) {
                StoryImages.deleteQuietly(media.file());
            }
        }

        EventEnvelope<MediaHosted> announcement = event.followedBy(new MediaHosted(
                request.content(),
                hosted.url(),
                hosted.provider(),
                hosted.publicId(),
                hosted.expiresAt(),
                request.instagramUserId(),
                request.dryRun()));
        boolean recorded = Boolean.TRUE.equals(transactions.execute(status -> {
            if (!uploads.recordHosted(claim, hosted, announcement.eventId())) {
                return false;
            }
            outbox.append(announcement);
            inbox.markWithOutcome();
            return true;
        }));
        if (!recorded) {
            // our lease ran out and another delivery took over: its outcome stands, our copy is surplus
            log.warn(
                    "lost the claim on post {} while uploading; discarding the extra copy {}",
                    event.postId(),
                    hosted.publicId());
            deleteQuietly(hosted.publicId(), request.content().mimeType());
            return;
        }
        log.info(
                "hosted post {} ({}) with {} as {} until {}",
                event.postId(),
                mediaPath,
                hosted.provider(),
                hosted.publicId(),
                hosted.expiresAt());
        if (claimed.hasCopy() && !claimed.publicId().equals(hosted.publicId())) {
            // the expired copy this one replaces
            deleteQuietly(claimed.publicId(), claimed.mimeType());
        }
    }

    private void fallBack(EventEnvelope<PostRequested> event, Claim claim, InboxMark inbox, String message) {
        EventEnvelope<FallbackRequested> fallback = event.followedBy(
                new FallbackRequested(event.payload().content(), FallbackReason.UPLOAD_FAILED, message, null));
        boolean recorded = Boolean.TRUE.equals(transactions.execute(status -> {
            if (!uploads.recordFailed(claim, message)) {
                return false;
            }
            outbox.append(fallback);
            inbox.markWithOutcome();
            return true;
        }));
        if (recorded) {
            log.warn("post {} goes to Telegram: {}", event.postId(), message);
        } else {
            log.warn(
                    "lost the claim on post {} before falling back; the other delivery's outcome stands",
                    event.postId());
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
}
