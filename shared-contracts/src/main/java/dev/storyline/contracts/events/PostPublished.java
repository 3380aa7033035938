package dev.storyline.contracts.events;

import java.time.Instant;
import java.util.Objects;

/**
 * The story is live (or, in dry-run, would have been).
 *
 * @param storyId the Story's media id as Meta reported it; null when Meta confirmed the publish (the
 *                container is PUBLISHED) but the answer carrying the id was lost and the account's Story
 *                list did not identify it. Never the container id.
 */
public record PostPublished(String storyId, String containerId, PostMethod method, Instant publishedAt, boolean dryRun)
        implements EventPayload {

    public PostPublished {
        if (storyId != null) {
            Events.requireText(storyId, "storyId");
        }
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(publishedAt, "publishedAt");
    }

    @Override
    public String routingKey() {
        return "post.published";
    }
}
