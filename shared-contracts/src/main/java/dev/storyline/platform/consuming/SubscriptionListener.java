package dev.storyline.platform.consuming;

import com.rabbitmq.client.Channel;
import dev.storyline.contracts.events.EventEnvelope;
import dev.storyline.contracts.events.EventPayload;
import dev.storyline.contracts.json.EventCodec;
import dev.storyline.contracts.json.RejectedEventException;
import dev.storyline.platform.inbox.Inbox;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.listener.api.ChannelAwareMessageListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Processes one delivery of a subscription: decode, skip if already processed, handle, commit,
 * then acknowledge. Failures never escape: a poison message goes to the DLQ with its reason, any
 * other failure (exceptions and Errors alike) is retried with backoff through the broker and
 * dead-lettered when retries run out. Only a {@link VirtualMachineError} stops the process.
 */
class SubscriptionListener implements ChannelAwareMessageListener {

    private static final Logger log = LoggerFactory.getLogger(SubscriptionListener.class);

    private final EventSubscription subscription;
    private final EventCodec codec;
    private final Inbox inbox;
    private final TransactionTemplate transactions;
    private final FailureRouter failures;
    private final ConsumerProperties properties;
    private final MeterRegistry meters;

    SubscriptionListener(
            EventSubscription subscription,
            EventCodec codec,
            Inbox inbox,
            TransactionTemplate transactions,
            FailureRouter failures,
            ConsumerProperties properties,
            MeterRegistry meters) {
        this.subscription = subscription;
        this.codec = codec;
        this.inbox = inbox;
        this.transactions = transactions;
        this.failures = failures;
        this.properties = properties;
        this.meters = meters;
    }

    @Override
    public void onMessage(Message message, Channel channel) throws IOException {
        long tag = message.getMessageProperties().getDeliveryTag();
        String type = String.valueOf(message.getMessageProperties().getType());
        try {
            EventEnvelope<EventPayload> event = codec.read(message.getBody());
            type = event.type();
            boolean firstTime = process(event);
            channel.basicAck(tag, false);
            count(type, firstTime ? "processed" : "duplicate");
        } catch (VirtualMachineError e) {
            // Out of memory or stack: nothing in this JVM can be trusted any more. The delivery stays
            // unacknowledged (the broker gives it to another consumer, its delivery limit bounds the
            // loop) and the container's error handler ends the process.
            log.error(
                    "{} on {}: the JVM cannot go on ({}); the process stops and the delivery goes back to the queue",
                    type,
                    subscription.queue().name(),
                    e.toString(),
                    e);
            throw e;
        } catch (RejectedEventException e) {
            log.warn(
                    "dead-lettering {} from {}: {} ({})",
                    type,
                    subscription.queue().name(),
                    e.getMessage(),
                    e.reason());
            route(
                    channel,
                    tag,
                    type,
                    "dead_lettered",
                    () -> failures.deadLetter(message, subscription.queue(), e.reason(), e));
        } catch (Exception | Error e) {
            // Any other Error (a class that fails to load, an assertion, a library's own Error) belongs
            // to this message, not to the process: retried and dead-lettered like an exception.
            int attempt = FailureRouter.attemptOf(message);
            if (attempt < properties.maxAttempts()) {
                log.warn(
                        "attempt {} of {} for {} on {} failed, retrying: {}",
                        attempt,
                        properties.maxAttempts(),
                        type,
                        subscription.queue().name(),
                        e.toString());
                route(
                        channel,
                        tag,
                        type,
                        "retried",
                        () -> failures.retry(
                                message, subscription.queue(), attempt + 1, properties.backoffBefore(attempt + 1), e));
            } else {
                log.error(
                        "{} on {} failed {} times, dead-lettering",
                        type,
                        subscription.queue().name(),
                        attempt,
                        e);
                route(
                        channel,
                        tag,
                        type,
                        "dead_lettered",
                        () -> failures.deadLetter(
                                message, subscription.queue(), RejectedEventException.Reason.RETRIES_EXHAUSTED, e));
            }
        }
    }

    private boolean process(EventEnvelope<EventPayload> event) {
        EventSubscription.Registration registration = subscription
                .registrationFor(event.eventType())
                .orElseThrow(() -> new RejectedEventException(
                        RejectedEventException.Reason.NO_HANDLER,
                        subscription.consumerName() + " has no handler for " + event.type()));
        String consumer = subscription.consumerName();
        if (registration.mode() == EventSubscription.Mode.IN_TRANSACTION) {
            return Boolean.TRUE.equals(transactions.execute(status -> {
                if (!inbox.markProcessed(consumer, event)) {
                    return false;
                }
                registration.handler().handle(event, null);
                return true;
            }));
        }
        InboxMark mark = new InboxMark(inbox, consumer, event);
        if (registration.mode() == EventSubscription.Mode.SELF_MANAGED && mark.alreadyProcessed()) {
            return false;
        }
        registration.handler().handle(event, mark);
        if (mark.duplicate()) {
            return false;
        }
        if (!mark.marked()) {
            transactions.executeWithoutResult(status -> inbox.markProcessed(consumer, event));
        }
        return true;
    }

    /**
     * Acknowledge only once the broker has confirmed the retry or dead-letter copy; if even that
     * fails (broker trouble) the delivery is requeued, and the queue's delivery limit bounds the loop.
     */
    private void route(Channel channel, long tag, String type, String outcome, Runnable send) throws IOException {
        try {
            send.run();
            channel.basicAck(tag, false);
            count(type, outcome);
        } catch (RuntimeException e) {
            log.error(
                    "could not route failed {} from {}; requeueing",
                    type,
                    subscription.queue().name(),
                    e);
            channel.basicNack(tag, false, true);
            count(type, "requeued");
        }
    }

    private void count(String type, String outcome) {
        meters.counter(
                        "storyline_events_consumed_total",
                        "queue",
                        subscription.queue().name(),
                        "type",
                        type,
                        "outcome",
                        outcome)
                .increment();
    }
}
