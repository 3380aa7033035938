package dev.storyline.testkit;

import dev.storyline.contracts.events.EventEnvelope;
import dev.storyline.contracts.events.EventPayload;
import dev.storyline.contracts.json.EventCodec;
import dev.storyline.contracts.messaging.Topology;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/**
 * The one way a test watches what a service sends to RabbitMQ and sends it events as another service
 * would: a private queue bound to the events exchange with the given routing keys, read in arrival
 * order and kept, so a test can wait for one event and later assert on everything that came.
 * <pre>{@code
 * try (EventTap tap = EventTap.on(infra, "post.published", "post.fallback.*")) {
 *     tap.publish(request);
 *     tap.await(postId, PostPublished.class);
 * }
 * }</pre>
 */
public final class EventTap implements AutoCloseable {

    public static final Duration DEFAULT_WAIT = Duration.ofSeconds(20);

    private final EventCodec codec = new EventCodec();
    private final RabbitTemplate rabbit;
    private final CachingConnectionFactory ownConnections;
    private final String queue;
    private final List<EventEnvelope<EventPayload>> received = new CopyOnWriteArrayList<>();
    private int handedOut;

    private EventTap(RabbitTemplate rabbit, CachingConnectionFactory ownConnections, String... routingKeys) {
        this.rabbit = rabbit;
        this.ownConnections = ownConnections;
        RabbitAdmin admin = new RabbitAdmin(rabbit.getConnectionFactory());
        TopicExchange events = new TopicExchange(Topology.EVENTS_EXCHANGE, true, false);
        admin.declareExchange(events);
        // exclusive, not auto-delete: receive(timeout) consumes and cancels, which would delete an auto-delete queue
        Queue tapQueue = new Queue("test.tap." + UUID.randomUUID(), false, true, false);
        admin.declareQueue(tapQueue);
        for (String key : routingKeys) {
            admin.declareBinding(BindingBuilder.bind(tapQueue).to(events).with(key));
        }
        this.queue = tapQueue.getName();
    }

    /** A tap on the test's own connection to its isolated vhost; closing the tap closes it. */
    public static EventTap on(Isolated infra, String... routingKeys) {
        CachingConnectionFactory connections = infra.rabbitConnectionFactory();
        return new EventTap(new RabbitTemplate(connections), connections, routingKeys);
    }

    /** A tap through a template the test already has, e.g. the application's own. */
    public static EventTap on(RabbitTemplate rabbit, String... routingKeys) {
        return new EventTap(rabbit, null, routingKeys);
    }

    /** Sends an event to the events exchange as the service that owns it would. */
    public void publish(EventEnvelope<?> event) {
        MessageProperties properties = new MessageProperties();
        properties.setContentType("application/json");
        properties.setType(event.type());
        properties.setMessageId(event.eventId().toString());
        Message message = MessageBuilder.withBody(codec.write(event))
                .andProperties(properties)
                .build();
        rabbit.send(Topology.EVENTS_EXCHANGE, event.routingKey(), message);
    }

    /** Every event received so far, in arrival order. */
    public List<EventEnvelope<EventPayload>> received() {
        drain();
        return List.copyOf(received);
    }

    /** Every event about the post received so far. */
    public List<EventEnvelope<EventPayload>> eventsFor(UUID postId) {
        return received().stream().filter(e -> postId.equals(e.postId())).toList();
    }

    /** Every event of the type about the post received so far. */
    @SuppressWarnings("unchecked")
    public <P extends EventPayload> List<EventEnvelope<P>> eventsFor(UUID postId, Class<P> type) {
        return eventsFor(postId).stream()
                .filter(e -> type.isInstance(e.payload()))
                .map(e -> (EventEnvelope<P>) (EventEnvelope<?>) e)
                .toList();
    }

    /** The first event of the type about the post, waiting up to {@link #DEFAULT_WAIT}. */
    public <P extends EventPayload> EventEnvelope<P> await(UUID postId, Class<P> type) {
        return await(postId, type, DEFAULT_WAIT);
    }

    @SuppressWarnings("unchecked")
    public <P extends EventPayload> EventEnvelope<P> await(UUID postId, Class<P> type, Duration timeout) {
        return (EventEnvelope<P>) (EventEnvelope<?>) awaitMatching(
                e -> postId.equals(e.postId()) && type.isInstance(e.payload()),
                timeout,
                type.getSimpleName() + " for post " + postId);
    }

    /** The first event about the post, of any type. */
    public EventEnvelope<EventPayload> awaitAnyFor(UUID postId, Duration timeout) {
        return awaitMatching(e -> postId.equals(e.postId()), timeout, "an event for post " + postId);
    }

    /** The next event not handed out by this method before, of any post. */
    public EventEnvelope<EventPayload> next(Duration timeout) {
        EventEnvelope<EventPayload> next = awaitArrival(handedOut, timeout, "an event on " + queue);
        handedOut++;
        return next;
    }

    /**
     * The next event of the type about the account (events such as {@code token.*} or {@code admin.alert}
     * carry no post), after those handed out by {@link #next} or this method; it and every event before it
     * count as handed out, so a second call waits for a second such event.
     */
    @SuppressWarnings("unchecked")
    public <P extends EventPayload> EventEnvelope<P> nextFor(String accountId, Class<P> type, Duration timeout) {
        int index = awaitIndex(
                handedOut,
                e -> accountId.equals(e.accountId()) && type.isInstance(e.payload()),
                timeout,
                type.getSimpleName() + " for account " + accountId);
        handedOut = index + 1;
        return (EventEnvelope<P>) (EventEnvelope<?>) received.get(index);
    }

    /** Events arriving within {@code window} after those handed out by {@link #next} or {@link #nextFor}: for "nothing more came" checks. */
    public List<EventEnvelope<EventPayload>> moreWithin(Duration window) {
        long deadline = System.nanoTime() + window.toNanos();
        while (System.nanoTime() < deadline) {
            receiveOne(Math.max(1, Math.min(200, (deadline - System.nanoTime()) / 1_000_000)));
        }
        return received.subList(handedOut, received.size()).stream().toList();
    }

    private EventEnvelope<EventPayload> awaitMatching(
            Predicate<EventEnvelope<EventPayload>> wanted, Duration timeout, String what) {
        return received.get(awaitIndex(0, wanted, timeout, what));
    }

    /** The index of the first event from {@code from} on that matches, receiving until one does. */
    private int awaitIndex(int from, Predicate<EventEnvelope<EventPayload>> wanted, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int checked = from;
        while (true) {
            for (; checked < received.size(); checked++) {
                if (wanted.test(received.get(checked))) {
                    return checked;
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError(
                        "timed out after " + timeout + " waiting for " + what + "; received " + received);
            }
            receiveOne(Math.min(500, Math.max(1, left / 1_000_000)));
        }
    }

    private EventEnvelope<EventPayload> awaitArrival(int index, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (received.size() <= index) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            receiveOne(Math.min(500, Math.max(1, left / 1_000_000)));
        }
        return received.get(index);
    }

    private void receiveOne(long timeoutMillis) {
        Message message = rabbit.receive(queue, timeoutMillis);
        if (message != null) {
            received.add(codec.read(message.getBody()));
        }
    }

    private void drain() {
        Message message;
        while ((message = rabbit.receive(queue)) != null) {
            received.add(codec.read(message.getBody()));
        }
    }

    @Override
    public void close() {
        if (ownConnections != null) {
            ownConnections.destroy();
        } else {
            new RabbitAdmin(rabbit.getConnectionFactory()).deleteQueue(queue);
        }
    }
}
