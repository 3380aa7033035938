package dev.storyline.platform;

import dev.storyline.contracts.json.EventCodec;
import dev.storyline.contracts.messaging.DeadLetterDepthMetrics;
import dev.storyline.contracts.messaging.LegacyQueues;
import dev.storyline.contracts.messaging.TopologyDeclarations;
import dev.storyline.platform.consuming.ConsumerProperties;
import dev.storyline.platform.consuming.EventConsumers;
import dev.storyline.platform.consuming.EventSubscription;
import dev.storyline.platform.consuming.FailureRouter;
import dev.storyline.platform.health.BackgroundLoops;
import dev.storyline.platform.health.LoopHealth;
import dev.storyline.platform.inbox.Inbox;
import dev.storyline.platform.outbox.Outbox;
import dev.storyline.platform.outbox.OutboxProperties;
import dev.storyline.platform.outbox.OutboxRelay;
import dev.storyline.platform.outbox.OutboxWakeup;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Everything a Storyline service needs to take part in the event flow: topology, codec, outbox
 * relay, inbox and the consumer plumbing. A service only declares {@link EventSubscription} beans
 * and appends to the {@link Outbox}.
 */
@AutoConfiguration(
        afterName = {
            "org.springframework.boot.autoconfigure.amqp.RabbitAutoConfiguration",
            "org.springframework.boot.autoconfigure.jdbc.JdbcClientAutoConfiguration",
            "org.springframework.boot.autoconfigure.transaction.TransactionAutoConfiguration",
            "org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration"
        })
@EnableConfigurationProperties({OutboxProperties.class, ConsumerProperties.class})
public class StorylineAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    EventCodec eventCodec() {
        return new EventCodec();
    }

    @Bean
    Declarables storylineTopology(ConnectionFactory connectionFactory) {
        return TopologyDeclarations.all(LegacyQueues.detect(connectionFactory));
    }

    @Bean
    LoopHealth loopsHealthIndicator(Clock clock) {
        return new LoopHealth(clock);
    }

    @Bean
    BackgroundLoops backgroundLoops(LoopHealth loops) {
        return new BackgroundLoops(loops);
    }

    @Bean
    OutboxWakeup outboxWakeup() {
        return new OutboxWakeup();
    }

    @Bean
    Outbox outbox(JdbcClient jdbc, EventCodec codec, OutboxWakeup wakeup) {
        return new Outbox(jdbc, codec, wakeup);
    }

    @Bean
    OutboxRelay outboxRelay(
            JdbcClient jdbc,
            TransactionTemplate transactions,
            RabbitTemplate rabbit,
            OutboxWakeup wakeup,
            LoopHealth loops,
            OutboxProperties properties,
            MeterRegistry meters) {
        OutboxRelay relay = new OutboxRelay(jdbc, transactions, rabbit, wakeup, loops, properties);
        Gauge.builder("storyline_outbox_backlog", relay, r -> {
                    try {
                        return r.backlog();
                    } catch (RuntimeException e) {
                        return Double.NaN;
                    }
                })
                .description("Events written to the outbox and not yet confirmed by the broker")
                .register(meters);
        return relay;
    }

    @Bean
    DeadLetterDepthMetrics deadLetterDepthMetrics(
            org.springframework.amqp.rabbit.core.RabbitAdmin admin, MeterRegistry meters) {
        return new DeadLetterDepthMetrics(admin, meters);
    }

    @Bean
    Inbox inbox(JdbcClient jdbc) {
        return new Inbox(jdbc);
    }

    @Bean
    FailureRouter failureRouter(RabbitTemplate rabbit, OutboxProperties outbox) {
        return new FailureRouter(rabbit, outbox.confirmTimeout());
    }

    @Bean
    EventConsumers eventConsumers(
            ObjectProvider<EventSubscription> subscriptions,
            ConnectionFactory connectionFactory,
            EventCodec codec,
            Inbox inbox,
            TransactionTemplate transactions,
            FailureRouter failures,
            ConsumerProperties properties,
            MeterRegistry meters) {
        return new EventConsumers(
                subscriptions.orderedStream().toList(),
                connectionFactory,
                codec,
                inbox,
                transactions,
                failures,
                properties,
                meters);
    }
}
