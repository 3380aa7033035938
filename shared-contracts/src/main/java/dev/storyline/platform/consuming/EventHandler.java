package dev.storyline.platform.consuming;

import dev.storyline.contracts.events.EventEnvelope;
import dev.storyline.contracts.events.EventPayload;

@FunctionalInterface
public interface EventHandler<P extends EventPayload> {

    void handle(EventEnvelope<P> event);
}
