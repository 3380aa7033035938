package dev.storyline.contracts.events;

import java.time.Instant;
import java.util.Objects;

/** The story is live (or, in dry-run, would have been). */
public record PostPublished(
        String storyId,
        String containerId,
        PostMethod method,
        Instant publishedAt,
        boolean dryRun) implements EventPayload {

    public PostPublished {
        Events.requireText(storyId, "storyId");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(publishedAt, "publishedAt");
    }

    @Override
    public String routingKey() {
        return "post.published";
    }
}
