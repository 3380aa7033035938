package dev.storyline.instagram.publishing;

import dev.storyline.contracts.events.FallbackReason;
import dev.storyline.instagram.InstagramProperties;
import dev.storyline.instagram.graph.AccessTokens;
import dev.storyline.instagram.graph.ContainerStatus;
import dev.storyline.instagram.graph.GraphApiClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A media_publish whose answer was lost is never repeated: this decides, from the container and the
 * account's recent Stories, whether it went live.
 */
@Component
class LostPublishes {

    private static final Logger log = LoggerFactory.getLogger(LostPublishes.class);
    /** Meta's Story timestamps come from its clock, in whole seconds; ours from this host's. */
    private static final Duration STORY_CLOCK_SKEW = Duration.ofSeconds(30);

    private final GraphApiClient graph;
    private final ContainerWatcher watcher;
    private final Publications publications;
    private final InstagramProperties properties;

    LostPublishes(
            GraphApiClient graph, ContainerWatcher watcher, Publications publications, InstagramProperties properties) {
        this.graph = graph;
        this.watcher = watcher;
        this.publications = publications;
        this.properties = properties;
    }

    /**
     * media_publish was called and its answer never recorded (timeout, 5xx, crash): it is never called
     * again. The container is watched until INSTAGRAM_PUBLISH_CONFIRM_TIMEOUT after the call, since Meta
     * may apply a publish minutes later; if it never says PUBLISHED, the account's recent Stories decide
     * before the post is handed to a person, who would otherwise post it a second time.
     */
    GraphPublishing.Published confirm(
            Publication claimed,
            String containerId,
            String igUserId,
            AccessTokens.AccessToken token,
            Instant requestedAt,
            ContainerWatcher.ClaimKeeper keeper) {
        Duration bound = properties.containerPoll().publishConfirmTimeout();
        ContainerStatus status = watcher.awaitPublished(containerId, token, requestedAt.plus(bound), keeper);
        switch (status.code()) {
            case PUBLISHED -> {
                Optional<String> storyId = storySince(claimed, igUserId, token, requestedAt);
                if (storyId.isEmpty()) {
                    log.warn(
                            "post {}: container {} is PUBLISHED but Meta's Story list does not tell which Story it "
                                    + "became; recording it without a Story id",
                            claimed.postId(),
                            containerId);
                } else {
                    log.info(
                            "post {}: container {} was published as Story {} by an earlier attempt",
                            claimed.postId(),
                            containerId,
                            storyId.get());
                }
                return new GraphPublishing.Published(storyId.orElse(null), containerId);
            }
            case ERROR ->
                throw PublishFailure.permanent(
                        FallbackReason.MEDIA_REJECTED,
                        "Instagram could not publish the media: "
                                + (status.detail() == null ? "ERROR" : status.detail()));
            case EXPIRED ->
                throw PublishFailure.permanent(
                        FallbackReason.API_UNAVAILABLE,
                        "media_publish was requested for post " + claimed.postId()
                                + " but its container expired unpublished");
            case IN_PROGRESS, FINISHED -> {
                Optional<String> storyId = storySince(claimed, igUserId, token, requestedAt);
                if (storyId.isPresent()) {
                    log.info(
                            "post {}: container {} still says {}, but Story {} appeared on the account after the "
                                    + "publish; taking it as published",
                            claimed.postId(),
                            containerId,
                            status.code(),
                            storyId.get());
                    return new GraphPublishing.Published(storyId.get(), containerId);
                }
                throw PublishFailure.permanent(
                        FallbackReason.API_UNAVAILABLE,
                        "media_publish was requested for post "
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
    private Optional<String> storySince(
            Publication claimed, String igUserId, AccessTokens.AccessToken token, Instant since) {
        List<GraphApiClient.Story> stories = graph.recentStories(igUserId, token);
        Set<String> others = publications.storyIdsOfOtherPosts(claimed);
        Instant from = since.minus(STORY_CLOCK_SKEW);
        List<String> candidates = stories.stream()
                .filter(s -> !others.contains(s.id()))
                .filter(s -> s.timestamp() != null && !s.timestamp().isBefore(from))
                .map(GraphApiClient.Story::id)
                .toList();
        if (candidates.size() > 1) {
            log.warn(
                    "post {}: {} new Stories on the account since {} ({}); cannot tell which one is this post's",
                    claimed.postId(),
                    candidates.size(),
                    since,
                    candidates);
            return Optional.empty();
        }
        return candidates.stream().findFirst();
    }
}
