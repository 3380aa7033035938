package dev.storyline.telegram.manual;

import dev.storyline.contracts.events.ManualPostResolved;
import dev.storyline.contracts.messaging.Topology;
import dev.storyline.platform.consuming.EventSubscription;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Every decision on a manual post, so one taken elsewhere shows on the post's message. Self-managed: the
 * handler calls the Bot API, and {@code outside_resolutions} with the compare-and-set on {@code manual_posts}
 * is its idempotency state.
 */
@Configuration
class ResolutionsSubscription {

    @Bean
    EventSubscription telegramResolutions(ResolvedElsewhere resolved) {
        return EventSubscription.on(Topology.TELEGRAM_RESOLUTIONS)
                .selfManaged(ManualPostResolved.class, resolved::onResolved)
                .build();
    }
}
