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

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The live path for a claimed post: container (created once, its id stored), wait until FINISHED,
 * then media_publish behind a once-only gate. Resumes from whatever the row says a previous attempt
 * reached, so a redelivery never repeats a step that already happened at Meta.
 */
@Component
class GraphPublishing {

    private static final Logger log = LoggerFactory.getLogger(GraphPublishing.class);
    /** Meta's Story timestamps come from its clock, in whole seconds; ours from this host's. */
    private static final Duration STORY_CLOCK_SKEW = Duration.ofSeconds(30);

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
            return confirmLostPublish(claimed, claimed.containerId(), igUserId, token, claimed.publishRequestedAt(), keeper);
        }

        String containerId = claimed.containerId();
        if (containerId == null) {
            validateMedia(hosted);
            if (!claimed.quotaReserved()) {
                takeRateAndQuota(claimed, event.accountId(), igUserId, token, keeper);
            }
            keeper.renewOrAbort();
            try {
                containerId = graph.createStoryContainer(igUserId, token,
                        hosted.content().isVideo() ? GraphApiClient.MediaKind.VIDEO : GraphApiClient.MediaKind.IMAGE, hosted.url());
            } catch (GraphApiException e) {
                if (notFetched(e.error())) {
                    throw afterFailedFetch(hosted, e.error().describe(), keeper);
                }
                throw e;
            }
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
                log.warn("container {} of post {} is already PUBLISHED; its Story id is unknown", containerId, claimed.postId());
                return new Published(null, containerId);
            }
            case ERROR -> {
                if (status.detail() != null && status.detail().contains(NOT_FETCHED_SUBCODE)) {
                    publications.forgetExpiredContainer(claimed, containerId);
                    throw afterFailedFetch(hosted, status.detail(), keeper);
                }
                throw PublishFailure.permanent(FallbackReason.MEDIA_REJECTED,
                        "Instagram could not process the media: " + (status.detail() == null ? "ERROR" : status.detail()));
            }
            case EXPIRED -> {
                publications.forgetExpiredContainer(claimed, containerId);
                throw PublishFailure.retryable("container " + containerId + " expired before publishing; a new one follows");
            }
            case IN_PROGRESS -> throw PublishFailure.retryable("container " + containerId + " still IN_PROGRESS after "
                    + properties.containerPoll().timeoutFor(hosted.content().isVideo()));
        }

        Instant requestedAt = Instant.now();
        if (!publications.markPublishRequested(claimed)) {
            throw PublishFailure.retryable("post " + claimed.postId() + " is already being published by another worker");
        }
        try {
            String storyId = graph.publish(igUserId, token, containerId);
            return new Published(storyId, containerId);
        } catch (GraphApiException e) {
            if (e.category() != GraphErrorCategory.TRANSIENT) {
                throw e; // an explicit refusal: nothing went live
            }
            // No usable answer (timeout, 5xx): Meta may have applied it, now or minutes from now.
            log.warn("post {}: media_publish of container {} got no usable answer ({}); watching the container",
                    claimed.postId(), containerId, e.getMessage());
            return confirmLostPublish(claimed, containerId, igUserId, token, requestedAt, keeper);
        }
    }

    /** Meta's code and subcode for "the media could not be fetched from the URL". */
    private static final int NOT_FETCHED_CODE = 9004;
    private static final String NOT_FETCHED_SUBCODE = "2207052";

    private static boolean notFetched(dev.storyline.instagram.graph.GraphError error) {
        return (error.code() != null && error.code() == NOT_FETCHED_CODE)
                || (error.subcode() != null && String.valueOf(error.subcode()).equals(NOT_FETCHED_SUBCODE));
    }

    /**
     * Meta could not fetch the hosted copy: a hosting outage (upload-worker down, a link that stopped
     * answering), not a medium Instagram refuses. Waits up to INSTAGRAM_HOSTING_RECOVERY_WAIT for the
     * hosting to answer again; the retry then asks Meta with a new container. Once the post's attempts
     * run out it falls back as UPLOAD_FAILED, saying what happened.
     */
    private PublishFailure afterFailedFetch(MediaHosted hosted, String metaSays, ContainerWatcher.ClaimKeeper keeper) {
        Duration bound = properties.hostingRecoveryWait();
        long deadline = System.nanoTime() + bound.toNanos();
        Duration pause = properties.containerPoll().interval();
        MediaCheck.Verdict verdict;
        while (true) {
            keeper.renewOrAbort();
            verdict = media.check(hosted.url(), hosted.content().isVideo(), hosted.content().sizeBytes());
            switch (verdict.outcome()) {
                case OK -> {
                    log.warn("Meta could not fetch {} ({}); the hosting answers again, a new container follows",
                            hosted.url().replaceAll("\\?.*$", ""), metaSays);
                    return PublishFailure.retryable(FallbackReason.UPLOAD_FAILED,
                            "Meta could not fetch the hosted media (" + metaSays + ") although the hosting answers");
                }
                case UNFIT -> {
                    return PublishFailure.permanent(FallbackReason.MEDIA_REJECTED, verdict.message());
                }
                case HOSTING_BROKEN -> {
                    return PublishFailure.permanent(FallbackReason.UPLOAD_FAILED,
                            "Meta could not fetch the hosted media (" + metaSays + "): " + verdict.message());
                }
                case HOSTING_UNAVAILABLE -> {
                    if (System.nanoTime() + pause.toNanos() > deadline) {
                        return PublishFailure.retryable(FallbackReason.UPLOAD_FAILED, "Meta could not fetch the hosted media ("
                                + metaSays + ") and the hosting did not answer within " + bound + ": " + verdict.message());
                    }
                }
            }
            try {
                Thread.sleep(pause.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return PublishFailure.retryable(FallbackReason.UPLOAD_FAILED, "interrupted while waiting for the hosting");
            }
            pause = pause.multipliedBy(2).compareTo(properties.containerPoll().maxInterval()) > 0
                    ? properties.containerPoll().maxInterval() : pause.multipliedBy(2);
        }
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
     * This instance's INSTAGRAM_POSTS_PER_HOUR pacing, then one unit of the account's publishing quota
     * (across the pool), both before Meta is asked for anything. The pacing only delays (the claim is kept
     * meanwhile): a self-imposed limit must never send a post, let alone the account's next hour, to a
     * person while Meta's quota has room. Quota used up → RATE_LIMITED fallback at once.
     */
    private void takeRateAndQuota(Publication claimed, String accountId, String igUserId, AccessTokens.AccessToken token,
                                  ContainerWatcher.ClaimKeeper keeper) {
        java.util.Optional<Duration> wait = rateLimiter.reserve(accountId);
        if (wait.isEmpty()) {
            log.warn("post {}: INSTAGRAM_POSTS_PER_HOUR={} reached for account {} on this instance and no permission "
                    + "within INSTAGRAM_RATE_LIMIT_WAIT; publishing within Meta's quota", claimed.postId(),
                    rateLimiter.postsPerHour(), accountId);
        } else {
            waitKeepingClaim(wait.get(), keeper);
        }
        switch (quota.reserve(claimed.postId(), claimed.claim().token(), accountId, igUserId, token)) {
            case PublishingQuota.Reservation.Reserved reserved ->
                    log.debug("post {}: quota unit reserved, {} left", claimed.postId(), reserved.left());
            case PublishingQuota.Reservation.Exhausted exhausted ->
                    throw PublishFailure.permanent(FallbackReason.RATE_LIMITED, exhausted.describe());
            case PublishingQuota.Reservation.ClaimLost lost ->
                    throw PublishFailure.retryable("lost the claim on post " + claimed.postId() + " while reserving its quota unit");
        }
    }

    private void waitKeepingClaim(Duration wait, ContainerWatcher.ClaimKeeper keeper) {
        long until = System.nanoTime() + wait.toNanos();
        Duration step = properties.containerPoll().maxInterval();
        while (true) {
            long left = until - System.nanoTime();
            if (left <= 0) {
                return;
            }
            keeper.renewOrAbort();
            try {
                Thread.sleep(Math.max(1, Math.min(step.toMillis(), left / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw PublishFailure.retryable("interrupted while pacing (shutting down)");
            }
        }
    }

    /**
     * media_publish was called and its answer never recorded (timeout, 5xx, crash): it is never called
     * again. The container is watched until INSTAGRAM_PUBLISH_CONFIRM_TIMEOUT after the call, since Meta
     * may apply a publish minutes later; if it never says PUBLISHED, the account's recent Stories decide
     * before the post is handed to a person, who would otherwise post it a second time.
     */
    private Published confirmLostPublish(Publication claimed, String containerId, String igUserId,
                                         AccessTokens.AccessToken token, Instant requestedAt,
                                         ContainerWatcher.ClaimKeeper keeper) {
        Duration bound = properties.containerPoll().publishConfirmTimeout();
        ContainerStatus status = watcher.awaitPublished(containerId, token, requestedAt.plus(bound), keeper);
        switch (status.code()) {
            case PUBLISHED -> {
                Optional<String> storyId = storySince(claimed, igUserId, token, requestedAt);
                if (storyId.isEmpty()) {
                    log.warn("post {}: container {} is PUBLISHED but Meta's Story list does not tell which Story it "
                            + "became; recording it without a Story id", claimed.postId(), containerId);
                } else {
                    log.info("post {}: container {} was published as Story {} by an earlier attempt", claimed.postId(),
                            containerId, storyId.get());
                }
                return new Published(storyId.orElse(null), containerId);
            }
            case ERROR -> throw PublishFailure.permanent(FallbackReason.MEDIA_REJECTED,
                    "Instagram could not publish the media: " + (status.detail() == null ? "ERROR" : status.detail()));
            case EXPIRED -> throw PublishFailure.permanent(FallbackReason.API_UNAVAILABLE, "media_publish was requested for post "
                    + claimed.postId() + " but its container expired unpublished");
            case IN_PROGRESS, FINISHED -> {
                Optional<String> storyId = storySince(claimed, igUserId, token, requestedAt);
                if (storyId.isPresent()) {
                    log.info("post {}: container {} still says {}, but Story {} appeared on the account after the "
                            + "publish; taking it as published", claimed.postId(), containerId, status.code(), storyId.get());
                    return new Published(storyId.get(), containerId);
                }
                throw PublishFailure.permanent(FallbackReason.API_UNAVAILABLE, "media_publish was requested for post "
                        + claimed.postId() + " but Meta did not confirm it within " + bound + " (container "
                        + containerId + " is " + status.code() + ") and no new Story is on the account; "
                        + "check the account before posting by hand");
            }
        }
        throw new IllegalStateException("unhandled container status " + status.code());
    }

    /**
     * The one Story on the account that went live after {@code since} (a little earlier, for clock skew) and
     * is not another post's; empty if there is none, or more than one so that ours cannot be told apart.
     */
    private Optional<String> storySince(Publication claimed, String igUserId, AccessTokens.AccessToken token, Instant since) {
        List<GraphApiClient.Story> stories = graph.recentStories(igUserId, token);
        Set<String> others = publications.storyIdsOfOtherPosts(claimed);
        Instant from = since.minus(STORY_CLOCK_SKEW);
        List<String> candidates = stories.stream()
                .filter(s -> !others.contains(s.id()))
                .filter(s -> s.timestamp() != null && !s.timestamp().isBefore(from))
                .map(GraphApiClient.Story::id)
                .toList();
        if (candidates.size() > 1) {
            log.warn("post {}: {} new Stories on the account since {} ({}); cannot tell which one is this post's",
                    claimed.postId(), candidates.size(), since, candidates);
            return Optional.empty();
        }
        return candidates.stream().findFirst();
    }
}
