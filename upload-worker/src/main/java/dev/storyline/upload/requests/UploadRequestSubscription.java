package dev.storyline.upload.requests;

import dev.storyline.contracts.events.PostRequested;
import dev.storyline.contracts.messaging.Topology;
import dev.storyline.platform.consuming.EventSubscription;
import dev.storyline.upload.UploadProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class UploadRequestSubscription {

    /**
     * Self-managed: hosting calls an external service, which must not run inside a transaction. The
     * handler checks the inbox in its claim's transaction and marks it with the outcome.
     */
    @Bean
    EventSubscription uploadRequests(HostingRequests requests, UploadProperties properties) {
        return EventSubscription.on(Topology.UPLOAD_REQUESTS)
                .selfManagedWithInbox(PostRequested.class, requests::onRequested)
                .concurrency(properties.concurrency())
                .prefetch(1)
                .build();
    }
}
