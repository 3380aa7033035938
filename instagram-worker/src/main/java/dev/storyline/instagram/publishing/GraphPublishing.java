package dev.storyline.instagram.publishing;

import dev.storyline.contracts.events.EventEnvelope;
import dev.storyline.contracts.events.FallbackReason;
import dev.storyline.contracts.events.MediaHosted;
import dev.storyline.instagram.InstagramProperties;
import dev.storyline.instagram.graph.AccessTokens;
import dev.storyline.instagram.graph.ContainerStatus;
import dev.storyline.instagram.graph.GraphApiClient;
import dev.storyline.instagram.graph.GraphApiException;
import dev.storyline.instagram.graph.GraphErrorCategory;
import dev.storyline.instagram.graph.TokenServiceUnavailableException;
import dev.storyline.instagram.media.MediaCheck;
import dev.storyline.instagram.quota.PostRateLimiter;
import dev.storyline.instagram.quota.PublishingQuota;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The live path for a claimed post: container (created once, its id stored), wait until FINISHED,
 * then media_publish behind a once-only gate. Resumes from whatever the row says a previous attempt
 * reached, so a redelivery never repeats a step that already happened at Meta.
 */
@Component
class GraphPublishing {

    private static final Logger log = LoggerFactory.getLogger(GraphPublishing.class);

    record Published(String storyId, String containerId) {
    }

    private final GraphApiClient graph;
    private final ContainerWatcher watcher;
    private final Publications publications;
    private final AccessTokens tokens;
    private final InstagramProperties properties;
    private final MediaCheck media;
    private final PostRateLimiter rateLimiter;
    private final PublishingQuota quota;
    private final MeterRegistry meters;

    GraphPublishing(GraphApiClient graph, ContainerWatcher watcher, Publications publications, AccessTokens tokens,
                    InstagramProperties properties, MediaCheck media, PostRateLimiter rateLimiter, PublishingQuota quota,
                    MeterRegistry meters) {
        this.graph = graph;
        this.watcher = watcher;
        this.publications = publications;
        this.tokens = tokens;
        this.properties = properties;
        this.media = media;
        this.rateLimiter = rateLimiter;
        this.quota = quota;
        this.meters = meters;
    }

    Published publish(Publication claimed, EventEnvelope<MediaHosted> event) {
        MediaHosted hosted = event.payload();
        String igUserId = hosted.instagramUserId();
        if (igUserId == null || igUserId.isBlank()) {
            throw PublishFailure.permanent(FallbackReason.UNKNOWN,
                    "account " + event.accountId() + " has no Instagram user id (INSTAGRAM_ACCOUNT_ID)");
        }
        AccessTokens.AccessToken token = token(event.accountId());
        Timer.Sample started = Timer.start();
        String outcome = "failed";
        try {
            Published published = publishWith(claimed, event, igUserId, token);
            outcome = "published";
            return published;
        } catch (GraphApiException e) {
            if (e.category() == GraphErrorCategory.TOKEN_EXPIRED) {
                // the cached token is dead; the next post must ask for the current one (refreshed or replaced)
                tokens.rejected(event.accountId(), token);
                e.usedToken(token);
            }
            outcome = e.category() == GraphErrorCategory.TRANSIENT ? "transient" : "failed";
            throw e;
        } catch (PublishFailure e) {
            outcome = e.isRetryable() ? "transient" : "failed";
            throw e;
        } finally {
            started.stop(Timer.builder("storyline_publish_duration_seconds")
                    .description("One attempt at a post's live path: media check, quota, container, wait, media_publish")
                    .tag("outcome", outcome)
                    .publishPercentileHistogram()
                    .register(meters));
        }
    }

    /**
     * No token is final (the post goes to Telegram as TOKEN_EXPIRED, as the scheduler expects); a token
     * source that cannot be asked right now is retried like a Graph 5xx.
     */
    private AccessTokens.AccessToken token(String accountId) {
        try {
            return tokens.forAccount(accountId).orElseThrow(() -> PublishFailure.permanent(
                    FallbackReason.TOKEN_EXPIRED, "no access token for account " + accountId));
        } catch (TokenServiceUnavailableException e) {
            throw PublishFailure.retryable(FallbackReason.API_UNAVAILABLE, e.getMessage());
        }
    }

    private Published publishWith(Publication claimed, EventEnvelope<MediaHosted> event, String igUserId,
                                  AccessTokens.AccessToken token) {
        MediaHosted hosted = event.payload();
        ContainerWatcher.ClaimKeeper keeper = () -> {
            if (!publications.renewClaim(claimed, properties.claimLease())) {
                throw PublishFailure.retryable("lost the claim on post " + claimed.postId() + " to another worker");
            }
        };
        if (claimed.publishRequested()) {
            return afterPublishWasRequested(claimed, token);
        }

        String containerId = claimed.containerId();
        if (containerId == null) {
            validateMedia(hosted);
            if (!claimed.quotaReserved()) {
                takeRateAndQuota(claimed, event.accountId(), igUserId, token);
            }
            keeper.renewOrAbort();
            containerId = graph.createStoryContainer(igUserId, token,
                    hosted.content().isVideo() ? GraphApiClient.MediaKind.VIDEO : GraphApiClient.MediaKind.IMAGE, hosted.url());
            if (!publications.recordContainer(claimed, containerId)) {
                throw PublishFailure.retryable("lost the claim on post " + claimed.postId() + " before storing its container");
            }
        }

        ContainerStatus status = watcher.awaitSettled(containerId, token, hosted.content().isVideo(), keeper);
        switch (status.code()) {
            case FINISHED -> {
                // proceed below
            }
            case PUBLISHED -> {
                // Only reachable if Meta published without our gate being set; record it, never publish again.
                log.warn("container {} of post {} is already PUBLISHED", containerId, claimed.postId());
                return new Published(containerId, containerId);
            }
            case ERROR -> throw PublishFailure.permanent(FallbackReason.MEDIA_REJECTED,
                    "Instagram could not process the media: " + (status.detail() == null ? "ERROR" : status.detail()));
            case EXPIRED -> {
                publications.forgetExpiredContainer(claimed, containerId);
                throw PublishFailure.retryable("container " + containerId + " expired before publishing; a new one follows");
            }
            case IN_PROGRESS -> throw PublishFailure.retryable("container " + containerId + " still IN_PROGRESS after "
                    + properties.containerPoll().timeoutFor(hosted.content().isVideo()));
        }

        if (!publications.markPublishRequested(claimed)) {
            throw PublishFailure.retryable("post " + claimed.postId() + " is already being published by another worker");
        }
        String storyId = graph.publish(igUserId, token, containerId);
        return new Published(storyId, containerId);
    }

    /**
     * validate_media. A copy that is unfit for a Story is MEDIA_REJECTED; a copy the hosting cannot serve
     * is UPLOAD_FAILED, not MEDIA_REJECTED: the medium may be fine and the fault is in the hosting step (the
     * 9004 "media could not be fetched" peers saw), so the operator looks at the hosting, and the Telegram
     * fallback must not rely on that URL. A hosting that does not answer or answers 5xx gets the post's
     * retries first; a 4xx (gone, private, expired) will not heal and falls back at once.
     */
    private void validateMedia(MediaHosted hosted) {
        MediaCheck.Verdict verdict = media.check(hosted.url(), hosted.content().isVideo(), hosted.content().sizeBytes());
        switch (verdict.outcome()) {
            case OK -> {
            }
            case HOSTING_UNAVAILABLE -> throw PublishFailure.retryable(FallbackReason.UPLOAD_FAILED, verdict.message());
            case HOSTING_BROKEN -> throw PublishFailure.permanent(FallbackReason.UPLOAD_FAILED, verdict.message());
            case UNFIT -> throw PublishFailure.permanent(FallbackReason.MEDIA_REJECTED, verdict.message());
        }
    }

    /**
     * One unit of this instance's INSTAGRAM_POSTS_PER_HOUR, then one unit of the account's publishing quota
     * (across the pool), both before Meta is asked for anything. No permission in time → retried later
     * through the broker; quota used up → RATE_LIMITED fallback at once.
     */
    private void takeRateAndQuota(Publication claimed, String accountId, String igUserId, AccessTokens.AccessToken token) {
        if (!rateLimiter.tryAcquire(accountId)) {
            throw PublishFailure.retryable(FallbackReason.RATE_LIMITED, "INSTAGRAM_POSTS_PER_HOUR=" + rateLimiter.postsPerHour()
                    + " reached for account " + accountId + " on this instance; the post is retried later");
        }
        switch (quota.reserve(claimed.postId(), claimed.claimId(), accountId, igUserId, token)) {
            case PublishingQuota.Reservation.Reserved reserved ->
                    log.debug("post {}: quota unit reserved, {} left", claimed.postId(), reserved.left());
            case PublishingQuota.Reservation.Exhausted exhausted ->
                    throw PublishFailure.permanent(FallbackReason.RATE_LIMITED, exhausted.describe());
            case PublishingQuota.Reservation.ClaimLost lost ->
                    throw PublishFailure.retryable("lost the claim on post " + claimed.postId() + " while reserving its quota unit");
        }
    }

    /**
     * media_publish was called before and its answer never recorded (timeout, crash): the container
     * knows whether it went live. PUBLISHED is done; anything else is never "fixed" by publishing again.
     */
    private Published afterPublishWasRequested(Publication claimed, AccessTokens.AccessToken token) {
        ContainerStatus status = graph.containerStatus(claimed.containerId(), token);
        return switch (status.code()) {
            case PUBLISHED -> {
                // The Story's media id was in the lost answer; the container id is the stable handle we have.
                log.info("post {}: container {} was published by an earlier attempt", claimed.postId(), claimed.containerId());
                yield new Published(claimed.containerId(), claimed.containerId());
            }
            case IN_PROGRESS, FINISHED -> throw PublishFailure.retryable("media_publish was requested for post "
                    + claimed.postId() + " but container " + claimed.containerId() + " is " + status.code()
                    + "; not publishing twice, check the account before posting by hand");
            case ERROR -> throw PublishFailure.permanent(FallbackReason.MEDIA_REJECTED,
                    "Instagram could not publish the media: " + (status.detail() == null ? "ERROR" : status.detail()));
            case EXPIRED -> throw PublishFailure.permanent(FallbackReason.API_UNAVAILABLE, "media_publish was requested for post "
                    + claimed.postId() + " but its container expired unpublished");
        };
    }
}
