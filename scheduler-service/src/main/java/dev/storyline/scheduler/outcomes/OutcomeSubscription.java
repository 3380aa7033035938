package dev.storyline.scheduler.outcomes;

import dev.storyline.contracts.events.AutoPostRequested;
import dev.storyline.contracts.events.FallbackRequested;
import dev.storyline.contracts.events.ManualPostResolved;
import dev.storyline.contracts.events.PostFailed;
import dev.storyline.contracts.events.PostPublished;
import dev.storyline.contracts.events.TokenRefreshFailed;
import dev.storyline.contracts.events.TokenRefreshed;
import dev.storyline.contracts.messaging.Topology;
import dev.storyline.platform.consuming.EventSubscription;
import dev.storyline.scheduler.SchedulerProperties;
import dev.storyline.scheduler.schedule.HandBackToApi;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class OutcomeSubscription {

    /**
     * OUTCOME_CONSUMERS consumers: in a burst a single one, a transaction per outcome, fell behind the
     * workers and its queue grew to thousands. Outcomes of different posts touch different rows; those of
     * one post are settled by the conditional writes in {@link PostLedger} and the inbox.
     */
    @Bean
    EventSubscription schedulerOutcomes(
            OutcomeRecorder recorder, HandBackToApi handBack, SchedulerProperties properties) {
        return EventSubscription.on(Topology.SCHEDULER_OUTCOMES)
                .inTransaction(PostPublished.class, recorder::published)
                .inTransaction(ManualPostResolved.class, recorder::manuallyResolved)
                .inTransaction(FallbackRequested.class, recorder::fellBack)
                .inTransaction(PostFailed.class, recorder::failed)
                .inTransaction(AutoPostRequested.class, handBack::handBack)
                .inTransaction(TokenRefreshed.class, recorder::tokenRefreshed)
                .inTransaction(TokenRefreshFailed.class, recorder::tokenRefreshFailed)
                .concurrency(properties.outcomeConsumers())
                .build();
    }
}
