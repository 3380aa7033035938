package dev.storyline.instagram;

import dev.storyline.contracts.events.EventEnvelope;
import dev.storyline.contracts.events.EventPayload;
import dev.storyline.contracts.json.EventCodec;
import dev.storyline.contracts.messaging.Topology;
import dev.storyline.testkit.Isolated;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * The test's own view of the broker, as another service would see it: publishes events to the
 * events exchange and reads the worker's outcomes from a private queue bound to {@code post.published}
 * and {@code post.fallback.*}.
 */
public final class EventBus implements AutoCloseable {

    private final CachingConnectionFactory connections;
    private final RabbitTemplate rabbit;
    private final RabbitAdmin admin;
    private final EventCodec codec = new EventCodec();
    private final List<EventEnvelope<EventPayload>> received = new ArrayList<>();
    private final String outcomes;

    public EventBus(Isolated infra) {
        this.connections = infra.rabbitConnectionFactory();
        this.rabbit = new RabbitTemplate(connections);
        this.admin = new RabbitAdmin(connections);
        TopicExchange events = new TopicExchange(Topology.EVENTS_EXCHANGE, true, false);
        admin.declareExchange(events);
        // exclusive, not auto-delete: receive(timeout) consumes and cancels, which would delete an auto-delete queue
        Queue queue = new Queue("test.outcomes." + UUID.randomUUID(), false, true, false);
        admin.declareQueue(queue);
        admin.declareBinding(BindingBuilder.bind(queue).to(events).with("post.published"));
        admin.declareBinding(BindingBuilder.bind(queue).to(events).with("post.fallback.*"));
        this.outcomes = queue.getName();
    }

    public void publish(EventEnvelope<?> event) {
        MessageProperties properties = new MessageProperties();
        properties.setContentType("application/json");
        properties.setType(event.type());
        Message message = MessageBuilder.withBody(codec.write(event)).andProperties(properties).build();
        rabbit.send(Topology.EVENTS_EXCHANGE, event.routingKey(), message);
    }

    /** The first outcome (in arrival order, kept for later assertions) about the given post. */
    public EventEnvelope<EventPayload> awaitOutcome(UUID postId, Duration timeout) {
        return awaitMatching(e -> postId.equals(e.postId()), timeout, "an outcome for post " + postId);
    }

    /** Every outcome about the post received so far. */
    public List<EventEnvelope<EventPayload>> outcomesFor(UUID postId) {
        drain();
        return received.stream().filter(e -> postId.equals(e.postId())).toList();
    }

    private EventEnvelope<EventPayload> awaitMatching(Predicate<EventEnvelope<EventPayload>> wanted, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int seen = 0;
        while (true) {
            for (; seen < received.size(); seen++) {
                if (wanted.test(received.get(seen))) {
                    return received.get(seen);
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what + "; received " + received);
            }
            Message message = rabbit.receive(outcomes, Math.min(500, Math.max(1, left / 1_000_000)));
            if (message != null) {
                received.add(codec.read(message.getBody()));
            }
        }
    }

    private void drain() {
        Message message;
        while ((message = rabbit.receive(outcomes)) != null) {
            received.add(codec.read(message.getBody()));
        }
    }

    @Override
    public void close() {
        connections.destroy();
    }
}
