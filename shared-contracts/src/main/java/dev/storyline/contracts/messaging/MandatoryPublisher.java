package dev.storyline.contracts.messaging;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ReturnListener;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * Publishes with {@code mandatory} and waits for the publisher confirms. The broker confirms a message
 * no queue took as readily as a delivered one; only the return (sent before the confirm, on the same
 * channel) tells them apart, so a caller that acts on the confirm alone (acks a dead letter, marks an
 * outbox row sent) would lose the message.
 *
 * <p>The channel must be in confirm mode (publisher confirms are on for every service).
 */
public final class MandatoryPublisher {

    /** One message to publish. */
    public record Outgoing(String exchange, String routingKey, AMQP.BasicProperties properties, byte[] body) {}

    /** A message the broker could not route to any queue. */
    public record Returned(int replyCode, String replyText, String exchange, String routingKey, String messageId) {

        @Override
        public String toString() {
            return "message " + messageId + " to exchange '" + exchange + "' with routing key '" + routingKey
                    + "' was returned: " + replyCode + " " + replyText;
        }
    }

    private MandatoryPublisher() {}

    /**
     * Publishes all, waits for every confirm and answers which were returned (empty: every message
     * reached a queue).
     *
     * @throws IOException when the broker nacks or does not confirm in time (nothing is known then)
     */
    public static List<Returned> publish(Channel channel, List<Outgoing> messages, Duration confirmTimeout)
            throws IOException {
        List<Returned> returned = Collections.synchronizedList(new ArrayList<>());
        ReturnListener listener = (replyCode, replyText, exchange, routingKey, properties, body) ->
                returned.add(new Returned(replyCode, replyText, exchange, routingKey, properties.getMessageId()));
        channel.addReturnListener(listener);
        try {
            for (Outgoing message : messages) {
                channel.basicPublish(
                        message.exchange(), message.routingKey(), true, message.properties(), message.body());
            }
            channel.waitForConfirmsOrDie(confirmTimeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for publisher confirms", e);
        } catch (TimeoutException e) {
            throw new IOException("the broker did not confirm within " + confirmTimeout, e);
        } finally {
            channel.removeReturnListener(listener);
        }
        return List.copyOf(returned);
    }
}
