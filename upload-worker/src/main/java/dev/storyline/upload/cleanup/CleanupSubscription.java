package dev.storyline.upload.cleanup;

import dev.storyline.contracts.events.ManualPostResolved;
import dev.storyline.contracts.events.PostFailed;
import dev.storyline.contracts.events.PostPublished;
import dev.storyline.contracts.messaging.Topology;
import dev.storyline.platform.consuming.EventSubscription;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class CleanupSubscription {

    /**
     * Self-managed: deleting a copy calls the provider; the row is marked deleted afterwards, with the
     * inbox mark (the handler checks and marks the inbox in its own transactions).
     */
    @Bean
    EventSubscription uploadCleanup(HostedCopies copies) {
        return EventSubscription.on(Topology.UPLOAD_CLEANUP)
                .selfManagedWithInbox(PostPublished.class, copies::onPostFinished)
                .selfManagedWithInbox(ManualPostResolved.class, copies::onPostFinished)
                .selfManagedWithInbox(PostFailed.class, copies::onPostFinished)
                .build();
    }
}
