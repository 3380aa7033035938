package dev.storyline.instagram.publishing;

import dev.storyline.instagram.InstagramProperties;
import dev.storyline.instagram.graph.AccessTokens;
import dev.storyline.instagram.graph.ContainerStatus;
import dev.storyline.instagram.graph.GraphApiClient;
import dev.storyline.instagram.graph.GraphApiException;
import dev.storyline.instagram.graph.GraphErrorCategory;
import java.time.Duration;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * Polls a container until Meta has fetched and processed the media, with a growing pause and a
 * bound (longer for videos). Publishing before FINISHED fails with 9007, so this wait is required.
 */
@Component
class ContainerWatcher {

    private final GraphApiClient graph;
    private final InstagramProperties.ContainerPoll poll;

    ContainerWatcher(GraphApiClient graph, InstagramProperties properties) {
        this.graph = graph;
        this.poll = properties.containerPoll();
    }

    /**
     * @param stillMine renews the claim before each call and says whether this worker still holds it
     * @return the first settled status, or IN_PROGRESS if the bound ran out first
     */
    ContainerStatus awaitSettled(
            String containerId, AccessTokens.AccessToken token, boolean video, ClaimKeeper stillMine) {
        long deadline = System.nanoTime() + poll.timeoutFor(video).toNanos();
        Duration pause = poll.interval();
        while (true) {
            stillMine.renewOrAbort();
            ContainerStatus status = graph.containerStatus(containerId, token);
            if (status.settled() || System.nanoTime() + pause.toNanos() > deadline) {
                return status;
            }
            sleep(pause);
            pause = pause.multipliedBy(2).compareTo(poll.maxInterval()) > 0
                    ? poll.maxInterval()
                    : pause.multipliedBy(2);
        }
    }

    /**
     * After a media_publish whose answer was lost: polls until the container says PUBLISHED (or ERROR,
     * EXPIRED) or {@code deadline} passes. Meta may apply the publish minutes after the call, so FINISHED
     * is not an answer yet; a status call that fails transiently is just another poll.
     *
     * @return the last status read: PUBLISHED, ERROR or EXPIRED, or FINISHED/IN_PROGRESS if the deadline came first
     */
    ContainerStatus awaitPublished(
            String containerId, AccessTokens.AccessToken token, Instant deadline, ClaimKeeper stillMine) {
        Duration pause = poll.interval();
        ContainerStatus last = new ContainerStatus(ContainerStatus.Code.FINISHED, null);
        while (true) {
            stillMine.renewOrAbort();
            try {
                last = graph.containerStatus(containerId, token);
            } catch (GraphApiException e) {
                if (e.category() != GraphErrorCategory.TRANSIENT) {
                    throw e;
                }
            }
            boolean answered = last.code() == ContainerStatus.Code.PUBLISHED
                    || last.code() == ContainerStatus.Code.ERROR
                    || last.code() == ContainerStatus.Code.EXPIRED;
            Duration left = Duration.between(Instant.now(), deadline);
            if (answered || !left.isPositive()) {
                return last;
            }
            // never give up before the deadline: the last look is taken at it, not one pause ahead of it
            sleep(pause.compareTo(left) < 0 ? pause : left.plusMillis(1));
            pause = pause.multipliedBy(2).compareTo(poll.maxInterval()) > 0
                    ? poll.maxInterval()
                    : pause.multipliedBy(2);
        }
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw PublishFailure.retryable("interrupted while waiting for the container (shutting down)");
        }
    }

    @FunctionalInterface
    interface ClaimKeeper {
        void renewOrAbort();
    }
}
