package dev.storyline.instagram.publishing;

import dev.storyline.contracts.events.EventEnvelope;
import dev.storyline.contracts.events.FallbackReason;
import dev.storyline.contracts.events.MediaHosted;
import dev.storyline.instagram.InstagramProperties;
import dev.storyline.instagram.graph.AccessTokens;
import dev.storyline.instagram.graph.ContainerStatus;
import dev.storyline.instagram.graph.GraphApiClient;
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

    GraphPublishing(GraphApiClient graph, ContainerWatcher watcher, Publications publications, AccessTokens tokens,
                    InstagramProperties properties) {
        this.graph = graph;
        this.watcher = watcher;
        this.publications = publications;
        this.tokens = tokens;
        this.properties = properties;
    }

    Published publish(Publication claimed, EventEnvelope<MediaHosted> event) {
        MediaHosted hosted = event.payload();
        String igUserId = hosted.instagramUserId();
        if (igUserId == null || igUserId.isBlank()) {
            throw PublishFailure.permanent(FallbackReason.UNKNOWN,
                    "account " + event.accountId() + " has no Instagram user id (INSTAGRAM_ACCOUNT_ID)");
        }
        AccessTokens.AccessToken token = tokens.forAccount(event.accountId()).orElseThrow(() -> PublishFailure.permanent(
                FallbackReason.TOKEN_EXPIRED, "no access token for account " + event.accountId()));
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
