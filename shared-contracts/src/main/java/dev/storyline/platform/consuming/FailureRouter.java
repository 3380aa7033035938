package dev.storyline.platform.consuming;

import dev.storyline.contracts.json.RejectedEventException;
import dev.storyline.contracts.messaging.Topology;
import java.time.Duration;
import java.time.Instant;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/**
 * Sends a failed message either to the retry delay queue of its backoff step (with the next attempt
 * number) or to its dead-letter queue (with the reason), always with a publisher confirm: only after
 * the broker has it does the consumer acknowledge the original.
 */
public class FailureRouter {

    public static final String ATTEMPT_HEADER = "x-storyline-attempt";
    public static final String REASON_HEADER = "x-storyline-reason";
    public static final String EXCEPTION_MESSAGE_HEADER = "x-exception-message";
    public static final String EXCEPTION_TYPE_HEADER = "x-exception-type";
    public static final String ORIGINAL_QUEUE_HEADER = "x-original-queue";
    public static final String ORIGINAL_ROUTING_KEY_HEADER = "x-original-routing-key";
    public static final String DEAD_LETTERED_AT_HEADER = "x-dead-lettered-at";
    public static final String LAST_ERROR_HEADER = "x-storyline-last-error";

    private static final int MAX_HEADER_LENGTH = 1000;

    private final RabbitTemplate rabbit;
    private final Duration confirmTimeout;

    public FailureRouter(RabbitTemplate rabbit, Duration confirmTimeout) {
        this.rabbit = rabbit;
        this.confirmTimeout = confirmTimeout;
    }

    public static int attemptOf(Message message) {
        Object attempt = message.getMessageProperties().getHeader(ATTEMPT_HEADER);
        if (attempt instanceof Number number) {
            return Math.max(1, number.intValue());
        }
        return 1;
    }

    public void retry(Message message, Topology.WorkQueue queue, int nextAttempt, Duration delay, Throwable cause) {
        MessageProperties props = message.getMessageProperties();
        props.setHeader(ATTEMPT_HEADER, nextAttempt);
        if (props.getHeader(ORIGINAL_ROUTING_KEY_HEADER) == null) {
            props.setHeader(ORIGINAL_ROUTING_KEY_HEADER, props.getReceivedRoutingKey());
        }
        props.setHeader(LAST_ERROR_HEADER, describe(cause));
        props.setExpiration(null);
        // the step queue's TTL is the wait; the routing key names the work queue it returns to
        send(Topology.retryStep(delay), queue.name(), message);
    }

    public void deadLetter(
            Message message, Topology.WorkQueue queue, RejectedEventException.Reason reason, Throwable cause) {
        MessageProperties props = message.getMessageProperties();
        props.setExpiration(null);
        props.setHeader(REASON_HEADER, reason.name());
        props.setHeader(EXCEPTION_MESSAGE_HEADER, truncate(String.valueOf(cause.getMessage())));
        props.setHeader(EXCEPTION_TYPE_HEADER, cause.getClass().getName());
        props.setHeader(ORIGINAL_QUEUE_HEADER, queue.name());
        if (props.getHeader(ORIGINAL_ROUTING_KEY_HEADER) == null) {
            props.setHeader(ORIGINAL_ROUTING_KEY_HEADER, props.getReceivedRoutingKey());
        }
        props.setHeader(ATTEMPT_HEADER, attemptOf(message));
        props.setHeader(DEAD_LETTERED_AT_HEADER, Instant.now().toString());
        send(Topology.DEAD_LETTER_EXCHANGE, queue.name(), message);
    }

    private void send(String exchange, String routingKey, Message message) {
        rabbit.invoke(operations -> {
            operations.send(exchange, routingKey, message);
            operations.waitForConfirmsOrDie(confirmTimeout.toMillis());
            return null;
        });
    }

    private static String describe(Throwable e) {
        return truncate(e.getClass().getSimpleName() + ": " + e.getMessage());
    }

    private static String truncate(String text) {
        return text.length() <= MAX_HEADER_LENGTH ? text : text.substring(0, MAX_HEADER_LENGTH) + "…";
    }
}
