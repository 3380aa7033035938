package dev.storyline.telegram.requests;

import dev.storyline.contracts.events.AdminAlert;
import dev.storyline.contracts.events.FallbackRequested;
import dev.storyline.contracts.events.PostRequested;
import dev.storyline.contracts.events.TokenRefreshFailed;
import dev.storyline.contracts.messaging.Topology;
import dev.storyline.platform.consuming.EventSubscription;
import dev.storyline.telegram.alerts.AdminAlerts;
import dev.storyline.telegram.manual.ManualPostSender;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One subscription for the whole work queue (a second container on the same queue would take
 * messages it has no handler for). Self-managed: every handler calls the Bot API and keeps its own
 * idempotency state ({@code manual_posts}, {@code alert_throttle}).
 */
@Configuration
class TelegramRequestsSubscription {

    @Bean
    EventSubscription telegramRequests(ManualPostSender manual, AdminAlerts alerts) {
        // Prefetch 1: a send can take minutes, and prefetched messages would wait behind it unacknowledged,
        // their clock toward RabbitMQ's consumer_timeout running.
        return EventSubscription.on(Topology.TELEGRAM_REQUESTS)
                .prefetch(1)
                .selfManaged(PostRequested.class, manual::onRequested)
                .selfManaged(FallbackRequested.class, manual::onFallback)
                .selfManaged(AdminAlert.class, alerts::onAlert)
                .selfManaged(TokenRefreshFailed.class, alerts::onTokenRefreshFailed)
                .build();
    }
}
