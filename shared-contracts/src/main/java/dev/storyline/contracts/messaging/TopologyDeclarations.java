package dev.storyline.contracts.messaging;

import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarable;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.core.TopicExchange;

import java.util.ArrayList;
import java.util.List;

/** Turns {@link Topology} into Spring AMQP declarables; RabbitAdmin declares them on every (re)connect. */
public final class TopologyDeclarations {

    private TopologyDeclarations() {
    }

    public static Declarables all() {
        List<Declarable> declarables = new ArrayList<>();
        TopicExchange events = new TopicExchange(Topology.EVENTS_EXCHANGE, true, false);
        DirectExchange deadLetters = new DirectExchange(Topology.DEAD_LETTER_EXCHANGE, true, false);
        DirectExchange retries = new DirectExchange(Topology.RETRY_EXCHANGE, true, false);
        declarables.add(events);
        declarables.add(deadLetters);
        declarables.add(retries);
        for (Topology.WorkQueue workQueue : Topology.WORK_QUEUES) {
            Queue queue = QueueBuilder.durable(workQueue.name())
                    .quorum()
                    .deliveryLimit(Topology.DELIVERY_LIMIT)
                    .deadLetterExchange(Topology.DEAD_LETTER_EXCHANGE)
                    .deadLetterRoutingKey(workQueue.name())
                    .build();
            declarables.add(queue);
            for (String pattern : workQueue.bindings()) {
                declarables.add(BindingBuilder.bind(queue).to(events).with(pattern));
            }
            Queue dlq = QueueBuilder.durable(workQueue.deadLetterQueue()).quorum().build();
            declarables.add(dlq);
            declarables.add(BindingBuilder.bind(dlq).to(deadLetters).with(workQueue.name()));
            // The retry queue has no consumer: messages wait out their TTL and return to the work queue.
            Queue retry = QueueBuilder.durable(workQueue.retryQueue())
                    .deadLetterExchange("")
                    .deadLetterRoutingKey(workQueue.name())
                    .build();
            declarables.add(retry);
            declarables.add(new Binding(retry.getName(), Binding.DestinationType.QUEUE, Topology.RETRY_EXCHANGE,
                    workQueue.name(), null));
        }
        return new Declarables(declarables);
    }
}
