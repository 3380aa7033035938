package dev.storyline.contracts.events;

import java.time.Instant;
import java.util.Objects;

/**
 * A due slot became a post. Emitted once per slot by the scheduler.
 *
 * @param routeReason why the route was chosen, e.g. {@code api_enabled}, {@code requires_interaction}, {@code token_unhealthy}
 * @param dryRun      publish everything but the final Graph API call
 */
public record PostRequested(
        PostContent content, Route route, String routeReason, String instagramUserId, Instant slotAt, boolean dryRun)
        implements EventPayload {

    public PostRequested {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(route, "route");
        Events.requireText(routeReason, "routeReason");
        Objects.requireNonNull(slotAt, "slotAt");
    }

    @Override
    public String routingKey() {
        return "post.requested." + route.name().toLowerCase();
    }
}
