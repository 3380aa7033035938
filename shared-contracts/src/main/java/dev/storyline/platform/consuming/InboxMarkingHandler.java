package dev.storyline.platform.consuming;

import dev.storyline.contracts.events.EventEnvelope;
import dev.storyline.contracts.events.EventPayload;

/** A self-managed handler that checks and marks the delivery's inbox entry in its own transactions. */
@FunctionalInterface
public interface InboxMarkingHandler<P extends EventPayload> {

    void handle(EventEnvelope<P> event, InboxMark inbox);
}
