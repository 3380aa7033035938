package dev.storyline.upload.requests;

import dev.storyline.contracts.events.EventEnvelope;
import dev.storyline.contracts.events.MediaHosted;
import dev.storyline.contracts.events.PostRequested;
import dev.storyline.contracts.events.Route;
import dev.storyline.contracts.json.RejectedEventException;
import dev.storyline.contracts.outbox.Outbox;
import dev.storyline.upload.UploadProperties;
import dev.storyline.upload.hosting.CloudStorage;
import dev.storyline.upload.hosting.HostedMedia;
import dev.storyline.upload.hosting.Upload;
import dev.storyline.upload.hosting.Uploads;
import dev.storyline.upload.media.MediaRoot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Turns an automatic {@link PostRequested} into one {@link MediaHosted}. The upload row and its
 * announcement commit together, so a redelivered or repeated request for a post whose upload is
 * still live has no effect, and one whose upload expired (or was deleted) is hosted again.
 */
@Component
class HostingRequests {

    private static final Logger log = LoggerFactory.getLogger(HostingRequests.class);

    private final Uploads uploads;
    private final CloudStorage storage;
    private final MediaRoot mediaRoot;
    private final Outbox outbox;
    private final TransactionTemplate transactions;
    private final Duration reuseMargin;
    private final Clock clock;

    HostingRequests(Uploads uploads, CloudStorage storage, MediaRoot mediaRoot, Outbox outbox,
                    TransactionTemplate transactions, UploadProperties properties, Clock clock) {
        this.uploads = uploads;
        this.storage = storage;
        this.mediaRoot = mediaRoot;
        this.outbox = outbox;
        this.transactions = transactions;
        this.reuseMargin = properties.reuseMargin();
        this.clock = clock;
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
        Instant mustOutlive = clock.instant().plus(reuseMargin);
        Optional<Upload> existing = uploads.forPost(event.postId());
        if (existing.isPresent() && existing.get().liveAt(mustOutlive)) {
            // its MediaHosted (hosted_event_id) was committed with the row: nothing left to do
            log.info("post {} is already hosted as {} until {}; not hosting it again", event.postId(),
                    existing.get().publicId(), existing.get().expiresAt());
            return;
        }
        String mediaPath = request.content().mediaPath();
        Path file = mediaRoot.readableFile(mediaPath).orElseThrow(() -> new RejectedEventException(
                RejectedEventException.Reason.PERMANENT_FAILURE,
                "media file " + mediaPath + " is missing or unreadable in MEDIA_ROOT (" + mediaRoot + ")"));

        HostedMedia hosted = storage.upload(event.accountId(), event.postId(), request.content(), file);

        EventEnvelope<MediaHosted> announcement = event.followedBy(new MediaHosted(request.content(), hosted.url(),
                hosted.provider(), hosted.publicId(), hosted.expiresAt(), request.instagramUserId(), request.dryRun()));
        boolean recorded = Boolean.TRUE.equals(transactions.execute(status -> {
            if (!uploads.record(event.accountId(), event.postId(), request.content(), hosted, announcement.eventId(),
                    mustOutlive)) {
                return false;
            }
            outbox.append(announcement);
            return true;
        }));
        if (recorded) {
            log.info("hosted post {} ({}) with {} as {} until {}", event.postId(), mediaPath, hosted.provider(),
                    hosted.publicId(), hosted.expiresAt());
        } else {
            // a concurrent delivery of the same post recorded its upload first; ours is surplus
            log.info("post {} was hosted concurrently; discarding the extra copy {}", event.postId(), hosted.publicId());
            storage.delete(hosted.publicId());
        }
    }
}
