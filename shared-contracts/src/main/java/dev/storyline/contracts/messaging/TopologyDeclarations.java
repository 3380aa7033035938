package dev.storyline.contracts.messaging;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarable;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.FanoutExchange;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.core.TopicExchange;

/** Turns {@link Topology} into Spring AMQP declarables; RabbitAdmin declares them on every (re)connect. */
public final class TopologyDeclarations {

    private static final Logger log = LoggerFactory.getLogger(TopologyDeclarations.class);

    private TopologyDeclarations() {}

    public static Declarables all() {
        return all(Set.of());
    }

    /**
     * @param legacyWorkQueues work queues that already exist on the broker with the arguments of an earlier
     *                         version: redeclaring them with other arguments would fail (PRECONDITION_FAILED) and
     *                         stop the service, so they are declared as they are (see {@link QueueArguments})
     */
    public static Declarables all(Set<String> legacyWorkQueues) {
        List<Declarable> declarables = new ArrayList<>();
        TopicExchange events = new TopicExchange(Topology.EVENTS_EXCHANGE, true, false);
        DirectExchange deadLetters = new DirectExchange(Topology.DEAD_LETTER_EXCHANGE, true, false);
        declarables.add(events);
        declarables.add(deadLetters);
        for (Topology.WorkQueue workQueue : Topology.WORK_QUEUES) {
            boolean legacy = legacyWorkQueues.contains(workQueue.name());
            if (legacy) {
                log.warn(
                        "queue {} has the arguments of an earlier Storyline version (at-most-once dead-lettering); "
                                + "it keeps working as it is. To upgrade it, see \"Upgrading the queues\" in the README",
                        workQueue.name());
            }
            Queue queue = new Queue(
                    workQueue.name(),
                    true,
                    false,
                    false,
                    legacy ? QueueArguments.legacyWorkQueue(workQueue) : QueueArguments.workQueue(workQueue));
            declarables.add(queue);
            for (String pattern : workQueue.bindings()) {
                declarables.add(BindingBuilder.bind(queue).to(events).with(pattern));
            }
            Queue dlq =
                    QueueBuilder.durable(workQueue.deadLetterQueue()).quorum().build();
            declarables.add(dlq);
            declarables.add(BindingBuilder.bind(dlq).to(deadLetters).with(workQueue.name()));
        }
        // The step queues have no consumer: messages wait out the step's TTL and return to their work queue.
        for (var step : Topology.RETRY_STEPS) {
            String name = Topology.retryStep(step);
            FanoutExchange exchange = new FanoutExchange(name, true, false);
            Queue queue = new Queue(name, true, false, false, QueueArguments.retryStep(step));
            declarables.add(exchange);
            declarables.add(queue);
            declarables.add(BindingBuilder.bind(queue).to(exchange));
        }
        return new Declarables(declarables);
    }

    /** Arguments by queue kind, shared with the upgrade check. */
    public static final class QueueArguments {

        private QueueArguments() {}

        public static Map<String, Object> workQueue(Topology.WorkQueue workQueue) {
            return Map.of(
                    "x-queue-type",
                    "quorum",
                    "x-delivery-limit",
                    Topology.DELIVERY_LIMIT,
                    "x-dead-letter-exchange",
                    Topology.DEAD_LETTER_EXCHANGE,
                    "x-dead-letter-routing-key",
                    workQueue.name(),
                    // at-least-once dead-lettering needs reject-publish overflow
                    "x-dead-letter-strategy",
                    "at-least-once",
                    "x-overflow",
                    "reject-publish");
        }

        static Map<String, Object> legacyWorkQueue(Topology.WorkQueue workQueue) {
            return Map.of(
                    "x-queue-type",
                    "quorum",
                    "x-delivery-limit",
                    Topology.DELIVERY_LIMIT,
                    "x-dead-letter-exchange",
                    Topology.DEAD_LETTER_EXCHANGE,
                    "x-dead-letter-routing-key",
                    workQueue.name());
        }

        static Map<String, Object> retryStep(java.time.Duration step) {
            return Map.of(
                    "x-queue-type", "quorum",
                    "x-message-ttl", step.toMillis(),
                    // no routing key: the message's own (its work queue's name) through the default exchange
                    "x-dead-letter-exchange", "",
                    "x-dead-letter-strategy", "at-least-once",
                    "x-overflow", "reject-publish");
        }
    }
}
