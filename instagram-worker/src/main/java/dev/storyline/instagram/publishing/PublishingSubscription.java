package dev.storyline.instagram.publishing;

import dev.storyline.contracts.events.MediaHosted;
import dev.storyline.contracts.messaging.Topology;
import dev.storyline.instagram.InstagramProperties;
import dev.storyline.platform.consuming.EventSubscription;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class PublishingSubscription {

    /**
     * Self-managed: the handler calls the Graph API and keeps its own idempotency state in {@code publications};
     * it checks the inbox in its claim's transaction and marks it with the outcome.
     * Prefetch 1: one post can take many minutes (InstagramProperties#longestAttempt), and messages prefetched
     * behind it would sit unacknowledged into RabbitMQ's consumer_timeout and be requeued. INSTAGRAM_CONCURRENCY
     * consumers instead: a slow container holds only its own consumer, and the broker's round trip between
     * an ack and the next delivery (milliseconds on a quorum queue) overlaps across them.
     */
    @Bean
    EventSubscription instagramHosted(StoryPublisher publisher, InstagramProperties properties) {
        return EventSubscription.on(Topology.INSTAGRAM_HOSTED)
                .selfManagedWithInbox(MediaHosted.class, publisher::onHosted)
                .concurrency(properties.concurrency())
                .prefetch(1)
                .build();
    }
}
