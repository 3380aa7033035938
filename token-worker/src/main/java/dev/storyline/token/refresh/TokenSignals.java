package dev.storyline.token.refresh;

import dev.storyline.contracts.events.EventEnvelope;
import dev.storyline.contracts.events.FallbackReason;
import dev.storyline.contracts.events.FallbackRequested;
import dev.storyline.contracts.messaging.Topology;
import dev.storyline.platform.consuming.EventSubscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * instagram-worker's TOKEN_EXPIRED fallbacks (bound as {@code post.fallback.token_expired}) trigger an
 * immediate check of that account's token. Self-managed: the check calls Meta, and no transaction
 * may stay open across that; the cooldown in {@link TokenRefresher#checkNow} is what makes a burst
 * of signals (or a redelivery) cost one call.
 */
@Configuration
class TokenSignals {

    private static final Logger log = LoggerFactory.getLogger(TokenSignals.class);

    @Bean
    EventSubscription tokenSignalSubscription(TokenRefresher refresher) {
        return EventSubscription.on(Topology.TOKEN_SIGNALS)
                .selfManaged(FallbackRequested.class, event -> onFallback(refresher, event))
                .build();
    }

    private static void onFallback(TokenRefresher refresher, EventEnvelope<FallbackRequested> event) {
        if (event.payload().reasonCode() != FallbackReason.TOKEN_EXPIRED) {
            log.debug(
                    "fallback {} for account '{}' is not about the token; ignored",
                    event.payload().reasonCode(),
                    event.accountId());
            return;
        }
        log.info("instagram-worker reports the token of account '{}' expired; checking it now", event.accountId());
        refresher.checkNow(
                event.accountId(), event.occurredAt(), event.payload().tokenGeneration());
    }
}
