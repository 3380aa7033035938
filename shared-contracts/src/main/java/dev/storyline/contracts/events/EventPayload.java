package dev.storyline.contracts.events;

/**
 * The body of an event. Each payload knows the routing key it travels under, so the
 * topic bindings in {@link dev.storyline.contracts.messaging.Topology} can select by route or reason.
 */
public sealed interface EventPayload
        permits PostRequested,
                MediaHosted,
                PostPublished,
                FallbackRequested,
                ManualPostResolved,
                PostFailed,
                TokenRefreshed,
                TokenRefreshFailed,
                AdminAlert,
                AutoPostRequested {

    String routingKey();
}
