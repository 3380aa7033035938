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
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Instant;
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

    record Published(String storyId, String containerId) {}

    private final GraphApiClient graph;
    private final ContainerWatcher watcher;
    private final Publications publications;
    private final AccessTokens tokens;
    private final InstagramProperties properties;
    private final HostedMediaChecks hostedMedia;
    private final PublishAllowance allowance;
    private final LostPublishes lostPublishes;
    private final MeterRegistry meters;

    GraphPublishing(
            GraphApiClient graph,
            ContainerWatcher watcher,
            Publications publications,
            AccessTokens tokens,
            InstagramProperties properties,
            HostedMediaChecks hostedMedia,
            PublishAllowance allowance,
            LostPublishes lostPublishes,
            MeterRegistry meters) {
        this.graph = graph;
        this.watcher = watcher;
        this.publications = publications;
        this.tokens = tokens;
        this.properties = properties;
        this.hostedMedia = hostedMedia;
        this.allowance = allowance;
        this.lostPublishes = lostPublishes;
        this.meters = meters;
    }

    Published publish(Publication claimed, EventEnvelope<MediaHosted> event) {
        MediaHosted hosted = event.payload();
        String igUserId = hosted.instagramUserId();
        if (igUserId == null || igUserId.isBlank()) {
            throw PublishFailure.permanent(
                    FallbackReason.UNKNOWN,
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
                    .description(
                            "One attempt at a post's live path: media check, quota, container, wait, media_publish")
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
            return tokens.forAccount(accountId)
                    .orElseThrow(() -> PublishFailure.permanent(
                            FallbackReason.TOKEN_EXPIRED, "no access token for account " + accountId));
        } catch (TokenServiceUnavailableException e) {
            throw PublishFailure.retryable(FallbackReason.API_UNAVAILABLE, e.getMessage());
        }
    }

    private Published publishWith(
            Publication claimed, EventEnvelope<MediaHosted> event, String igUserId, AccessTokens.AccessToken token) {
        MediaHosted hosted = event.payload();
        ContainerWatcher.ClaimKeeper keeper = () -> {
            if (!publications.renewClaim(claimed, properties.claimLease())) {
                throw PublishFailure.retryable("lost the claim on post " + claimed.postId() + " to another worker");
            }
        };
        if (claimed.publishRequested()) {
            return lostPublishes.confirm(
                    claimed, claimed.containerId(), igUserId, token, claimed.publishRequestedAt(), keeper);
        }

        String containerId = claimed.containerId();
        if (containerId == null) {
            hostedMedia.validateMedia(hosted);
            if (!claimed.quotaReserved()) {
                allowance.takeRateAndQuota(claimed, event.accountId(), igUserId, token, keeper);
            }
            keeper.renewOrAbort();
            try {
                containerId = graph.createStoryContainer(
                        igUserId,
                        token,
                        hosted.content().isVideo() ? GraphApiClient.MediaKind.VIDEO : GraphApiClient.MediaKind.IMAGE,
                        hosted.url());
            } catch (GraphApiException e) {
                if (HostedMediaChecks.notFetched(e.error())) {
                    throw hostedMedia.afterFailedFetch(hosted, e.error().describe(), keeper);
                }
                throw e;
            }
            if (!publications.recordContainer(claimed, containerId)) {
                throw PublishFailure.retryable(
                        "lost the claim on post " + claimed.postId() + " before storing its container");
            }
        }

        ContainerStatus status =
                watcher.awaitSettled(containerId, token, hosted.content().isVideo(), keeper);
        switch (status.code()) {
            case FINISHED -> {
                // proceed below
            }
            case PUBLISHED -> {
                // Only reachable if Meta published without our gate being set; record it, never publish again.
                log.warn(
                        "container {} of post {} is already PUBLISHED; its Story id is unknown",
                        containerId,
                        claimed.postId());
                return new Published(null, containerId);
            }
            case ERROR -> {
                if (status.detail() != null && status.detail().contains(HostedMediaChecks.NOT_FETCHED_SUBCODE)) {
                    publications.forgetExpiredContainer(claimed, containerId);
                    throw hostedMedia.afterFailedFetch(hosted, status.detail(), keeper);
                }
                throw PublishFailure.permanent(
                        FallbackReason.MEDIA_REJECTED,
                        "Instagram could not process the media: "
                                + (status.detail() == null ? "ERROR" : status.detail()));
            }
            case EXPIRED -> {
                publications.forgetExpiredContainer(claimed, containerId);
                throw PublishFailure.retryable(
                        "container " + containerId + " expired before publishing; a new one follows");
            }
            case IN_PROGRESS ->
                throw PublishFailure.retryable("container " + containerId + " still IN_PROGRESS after "
                        + properties.containerPoll().timeoutFor(hosted.content().isVideo()));
        }

        Instant requestedAt = Instant.now();
        if (!publications.markPublishRequested(claimed)) {
            throw PublishFailure.retryable(
                    "post " + claimed.postId() + " is already being published by another worker");
        }
        try {
            String storyId = graph.publish(igUserId, token, containerId);
            return new Published(storyId, containerId);
        } catch (GraphApiException e) {
            if (e.category() != GraphErrorCategory.TRANSIENT) {
                throw e; // an explicit refusal: nothing went live
            }
            // No usable answer (timeout, 5xx): Meta may have applied it, now or minutes from now.
            log.warn(
                    "post {}: media_publish of container {} got no usable answer ({}); watching the container",
                    claimed.postId(),
                    containerId,
                    e.getMessage());
            return lostPublishes.confirm(claimed, containerId, igUserId, token, requestedAt, keeper);
        }
    }
}
