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

    /** Self-managed: deleting a copy calls the provider; the row is marked deleted afterwards. */
    @Bean
    EventSubscription uploadCleanup(HostedCopies copies) {
        return EventSubscription.on(Topology.UPLOAD_CLEANUP)
                .selfManaged(PostPublished.class, copies::onPostFinished)
                .selfManaged(ManualPostResolved.class, copies::onPostFinished)
                .selfManaged(PostFailed.class, copies::onPostFinished)
                .build();
    }
}
