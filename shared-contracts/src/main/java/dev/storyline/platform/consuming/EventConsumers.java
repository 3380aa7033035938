package dev.storyline.platform.consuming;

import dev.storyline.contracts.json.EventCodec;
import dev.storyline.platform.inbox.Inbox;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.context.SmartLifecycle;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs one listener container per {@link EventSubscription}. Containers start last and stop
 * first; stopping waits for in-flight messages to finish (graceful shutdown) before the outbox
 * relay and the database go away.
 */
public class EventConsumers implements SmartLifecycle {

    private final List<SimpleMessageListenerContainer> containers = new ArrayList<>();
    private volatile boolean running;

    public EventConsumers(
            List<EventSubscription> subscriptions,
            ConnectionFactory connectionFactory,
            EventCodec codec,
            Inbox inbox,
            TransactionTemplate transactions,
            FailureRouter failures,
            ConsumerProperties properties,
            MeterRegistry meters) {
        for (EventSubscription subscription : subscriptions) {
            SimpleMessageListenerContainer container = new SimpleMessageListenerContainer(connectionFactory);
            container.setQueueNames(subscription.queue().name());
            container.setAcknowledgeMode(AcknowledgeMode.MANUAL);
            container.setConcurrentConsumers(subscription.concurrency());
            container.setPrefetchCount(subscription.prefetch());
            container.setDefaultRequeueRejected(true);
            container.setShutdownTimeout(properties.shutdownTimeout().toMillis());
            // Queues are declared by RabbitAdmin; a missing queue at start is a transient state, not fatal.
            container.setMissingQueuesFatal(false);
            container.setMessageListener(
                    new SubscriptionListener(subscription, codec, inbox, transactions, failures, properties, meters));
            container.setBeanName("consumer-" + subscription.queue().name());
            container.afterPropertiesSet();
            containers.add(container);
        }
    }

    @Override
    public void start() {
        containers.forEach(SimpleMessageListenerContainer::start);
        running = true;
    }

    @Override
    public void stop() {
        containers.forEach(SimpleMessageListenerContainer::stop);
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 100;
    }

    /** Containers can lose their consumers (broker gone) and recover by themselves; liveness reads this. */
    public boolean allActive() {
        return containers.stream().allMatch(SimpleMessageListenerContainer::isActive);
    }
}
