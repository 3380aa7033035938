package dev.storyline.instagram.publishing;

import dev.storyline.contracts.events.FallbackReason;
import dev.storyline.contracts.events.MediaHosted;
import dev.storyline.instagram.InstagramProperties;
import dev.storyline.instagram.media.MediaCheck;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Whether Meta can fetch the hosted copy: checked before a container is asked for, and again when Meta
 * says it could not fetch it, to tell a hosting outage from a medium Instagram refuses.
 */
@Component
class HostedMediaChecks {

    private static final Logger log = LoggerFactory.getLogger(HostedMediaChecks.class);

    private final MediaCheck media;
    private final InstagramProperties properties;

    HostedMediaChecks(MediaCheck media, InstagramProperties properties) {
        this.media = media;
        this.properties = properties;
    }

    /** Meta's code and subcode for "the media could not be fetched from the URL". */
    private static final int NOT_FETCHED_CODE = 9004;

    static final String NOT_FETCHED_SUBCODE = "2207052";

    static boolean notFetched(dev.storyline.instagram.graph.GraphError error) {
        return (error.code() != null && error.code() == NOT_FETCHED_CODE)
                || (error.subcode() != null && String.valueOf(error.subcode()).equals(NOT_FETCHED_SUBCODE));
    }

    /**
     * Meta could not fetch the hosted copy: a hosting outage (upload-worker down, a link that stopped
     * answering), not a medium Instagram refuses. Waits up to INSTAGRAM_HOSTING_RECOVERY_WAIT for the
     * hosting to answer again; the retry then asks Meta with a new container. Once the post's attempts
     * run out it falls back as UPLOAD_FAILED, saying what happened.
     */
    PublishFailure afterFailedFetch(MediaHosted hosted, String metaSays, ContainerWatcher.ClaimKeeper keeper) {
        Duration bound = properties.hostingRecoveryWait();
        long deadline = System.nanoTime() + bound.toNanos();
        Duration pause = properties.containerPoll().interval();
        MediaCheck.Verdict verdict;
        while (true) {
            keeper.renewOrAbort();
            verdict = media.check(
                    hosted.url(), hosted.content().isVideo(), hosted.content().sizeBytes());
            switch (verdict.outcome()) {
                case OK -> {
                    log.warn(
                            "Meta could not fetch {} ({}); the hosting answers again, a new container follows",
                            hosted.url().replaceAll("\\?.*$", ""),
                            metaSays);
                    return PublishFailure.retryable(
                            FallbackReason.UPLOAD_FAILED,
                            "Meta could not fetch the hosted media (" + metaSays + ") although the hosting answers");
                }
                case UNFIT -> {
                    return PublishFailure.permanent(FallbackReason.MEDIA_REJECTED, verdict.message());
                }
                case HOSTING_BROKEN -> {
                    return PublishFailure.permanent(
                            FallbackReason.UPLOAD_FAILED,
                            "Meta could not fetch the hosted media (" + metaSays + "): " + verdict.message());
                }
                case HOSTING_UNAVAILABLE -> {
                    if (System.nanoTime() + pause.toNanos() > deadline) {
                        return PublishFailure.retryable(
                                FallbackReason.UPLOAD_FAILED,
                                "Meta could not fetch the hosted media (" + metaSays
                                        + ") and the hosting did not answer within " + bound + ": "
                                        + verdict.message());
                    }
                }
            }
            try {
                Thread.sleep(pause.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return PublishFailure.retryable(
                        FallbackReason.UPLOAD_FAILED, "interrupted while waiting for the hosting");
            }
            pause = pause.multipliedBy(2).compareTo(properties.containerPoll().maxInterval()) > 0
                    ? properties.containerPoll().maxInterval()
                    : pause.multipliedBy(2);
        }
    }

    /**
     * validate_media. A copy that is unfit for a Story is MEDIA_REJECTED; a copy the hosting cannot serve
     * is UPLOAD_FAILED, not MEDIA_REJECTED: the medium may be fine and the fault is in the hosting step (the
     * 9004 "media could not be fetched" peers saw), so the operator looks at the hosting, and the Telegram
     * fallback must not rely on that URL. A hosting that does not answer or answers 5xx gets the post's
     * retries first; a 4xx (gone, private, expired) will not heal and falls back at once.
     */
    void validateMedia(MediaHosted hosted) {
        MediaCheck.Verdict verdict = media.check(
                hosted.url(), hosted.content().isVideo(), hosted.content().sizeBytes());
        switch (verdict.outcome()) {
            case OK -> {}
            case HOSTING_UNAVAILABLE -> throw PublishFailure.retryable(FallbackReason.UPLOAD_FAILED, verdict.message());
            case HOSTING_BROKEN -> throw PublishFailure.permanent(FallbackReason.UPLOAD_FAILED, verdict.message());
            case UNFIT -> throw PublishFailure.permanent(FallbackReason.MEDIA_REJECTED, verdict.message());
        }
    }
}
