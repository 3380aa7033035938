package dev.storyline.telegram;

import dev.storyline.contracts.events.EventEnvelope;
import dev.storyline.contracts.events.EventPayload;
import dev.storyline.contracts.json.EventCodec;
import dev.storyline.contracts.messaging.Topology;
import dev.storyline.testkit.Eventually;
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
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The test's side of RabbitMQ: publishes events the way other services do, and watches the events
 * this worker emits through a queue of its own bound to the given routing keys.
 */
final class Broker implements AutoCloseable {

    private final EventCodec codec = new EventCodec();
    private final RabbitTemplate rabbit;
    private final String watchQueue = "test.watch." + UUID.randomUUID();
    private final List<EventEnvelope<EventPayload>> seen = new CopyOnWriteArrayList<>();

    Broker(Isolated infra, String... watchedRoutingKeys) {
        this.rabbit = infra.rabbitTemplate();
        RabbitAdmin admin = new RabbitAdmin(rabbit.getConnectionFactory());
        TopicExchange events = new TopicExchange(Topology.EVENTS_EXCHANGE, true, false);
        admin.declareExchange(events);
        Queue queue = new Queue(watchQueue, false, false, true);
        admin.declareQueue(queue);
        for (String key : watchedRoutingKeys) {
            admin.declareBinding(BindingBuilder.bind(queue).to(events).with(key));
        }
    }

    void publish(EventEnvelope<?> event) {
        MessageProperties props = new MessageProperties();
        props.setContentType("application/json");
        props.setType(event.type());
        Message message = MessageBuilder.withBody(codec.write(event)).andProperties(props).build();
        rabbit.send(Topology.EVENTS_EXCHANGE, event.routingKey(), message);
    }

    /** Every watched event about the post so far. */
    @SuppressWarnings("unchecked")
    <P extends EventPayload> List<EventEnvelope<P>> eventsFor(UUID postId, Class<P> type) {
        drain();
        return seen.stream().filter(e -> postId.equals(e.postId()) && type.isInstance(e.payload()))
                .map(e -> (EventEnvelope<P>) (EventEnvelope<?>) e).toList();
    }

    <P extends EventPayload> EventEnvelope<P> awaitEvent(UUID postId, Class<P> type) {
        return Eventually.await(Duration.ofSeconds(20), type.getSimpleName() + " for post " + postId,
                () -> eventsFor(postId, type), events -> !events.isEmpty()).getFirst();
    }

    private void drain() {
        Message message;
        while ((message = rabbit.receive(watchQueue)) != null) {
            seen.add(codec.read(message.getBody()));
        }
    }

    @Override
    public void close() {
        ((CachingConnectionFactory) rabbit.getConnectionFactory()).destroy();
    }
}
