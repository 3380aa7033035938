package dev.storyline.scheduler.dlq;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.GetResponse;
import dev.storyline.contracts.messaging.MandatoryPublisher;
import dev.storyline.contracts.messaging.Topology;
import dev.storyline.platform.consuming.FailureRouter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.stereotype.Component;

/**
 * Operator tooling for the dead-letter queues: list with reasons, show one, replay (back to the
 * queue it was dead-lettered from) and purge. Browsing takes messages without
 * acknowledging them and closes the channel, so they stay where they were.
 */
@Component
public class DeadLetters {

    public record Entry(
            String queue,
            String messageId,
            String type,
            String reason,
            String error,
            String routingKey,
            String accountId,
            String postId,
            Integer attempts,
            String deadLetteredAt,
            Long ageSeconds,
            String body) {}

    public record QueueDepth(String queue, long messages) {}

    private static final int BROWSE_LIMIT = 500;
    private static final Duration CONFIRM_TIMEOUT = Duration.ofSeconds(10);
    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

    private final RabbitTemplate rabbit;

    public DeadLetters(RabbitTemplate rabbit) {
        this.rabbit = rabbit;
    }

    public List<QueueDepth> depths() {
        return rabbit.execute(channel -> {
            List<QueueDepth> depths = new ArrayList<>();
            for (Topology.WorkQueue queue : Topology.WORK_QUEUES) {
                depths.add(new QueueDepth(
                        queue.deadLetterQueue(),
                        channel.queueDeclarePassive(queue.deadLetterQueue()).getMessageCount()));
            }
            return depths;
        });
    }

    public List<Entry> list(String workQueue, boolean withBody) {
        List<Topology.WorkQueue> queues =
                workQueue == null ? Topology.WORK_QUEUES : List.of(Topology.byName(workQueue));
        List<Entry> entries = new ArrayList<>();
        for (Topology.WorkQueue queue : queues) {
            entries.addAll(browse(queue.deadLetterQueue(), withBody));
        }
        return entries;
    }

    private List<Entry> browse(String dlq, boolean withBody) {
        return rabbit.execute(channel -> {
            List<Entry> entries = new ArrayList<>();
            long lastTag = -1;
            try {
                GetResponse response;
                while (entries.size() < BROWSE_LIMIT && (response = channel.basicGet(dlq, false)) != null) {
                    lastTag = response.getEnvelope().getDeliveryTag();
                    entries.add(entry(dlq, response.getProps(), response.getBody(), withBody));
                }
            } finally {
                if (lastTag >= 0) {
                    // everything taken goes back: browsing changes nothing
                    channel.basicNack(lastTag, true, true);
                }
            }
            return entries;
        });
    }

    /**
     * What a replay did: {@code replayed} reached their queue again; {@code returned} were refused by
     * the broker (no such queue) and stay in the DLQ; {@code stillFailing} were replayed and came back
     * into the DLQ before the replay ended; {@code left} were not touched (another id, or beyond what
     * was in the DLQ when the replay began).
     */
    public record ReplayReport(int replayed, int returned, int stillFailing, int left) {}

    /**
     * Sends dead letters (one id, or all when messageId is null) back to the queue they were dead-lettered
     * from, through the default exchange: by queue, never by routing key, so a message the broker
     * dead-lettered itself (which has no routing key of ours) arrives, and a replay never fans out to
     * other queues bound to the same key. Publishing is mandatory; a returned message stays in the DLQ.
     * Only what was in the DLQ when the replay began is taken: a replayed message that fails again and
     * re-enters the DLQ is counted as still failing, not replayed again.
     */
    public ReplayReport replay(String workQueue, String messageId) {
        Topology.WorkQueue queue = Topology.byName(workQueue);
        String dlq = queue.deadLetterQueue();
        return rabbit.execute(channel -> {
            channel.confirmSelect();
            long present = channel.queueDeclarePassive(dlq).getMessageCount();
            int replayed = 0;
            int returned = 0;
            int stillFailing = 0;
            Set<String> sent = new HashSet<>();
            // held unacknowledged until the end, so one pass never takes the same message twice
            List<Long> keep = new ArrayList<>();
            GetResponse response;
            long taken = 0;
            try {
                while (taken < Math.min(present, BROWSE_LIMIT) && (response = channel.basicGet(dlq, false)) != null) {
                    taken++;
                    long tag = response.getEnvelope().getDeliveryTag();
                    AMQP.BasicProperties props = response.getProps();
                    String id = props.getMessageId();
                    if (id != null && sent.contains(id)) {
                        // it failed again while we were replaying; everything after it arrived after the start
                        stillFailing++;
                        keep.add(tag);
                        break;
                    }
                    if (messageId != null && !messageId.equals(id)) {
                        keep.add(tag);
                        continue;
                    }
                    String target = originalQueue(props, queue);
                    List<MandatoryPublisher.Returned> refused = MandatoryPublisher.publish(
                            channel,
                            List.of(new MandatoryPublisher.Outgoing(
                                    "", target, replayProperties(props), response.getBody())),
                            CONFIRM_TIMEOUT);
                    if (!refused.isEmpty()) {
                        log.warn(
                                "replay of {} from {} refused by the broker, it stays in the DLQ: {}",
                                id,
                                dlq,
                                refused);
                        returned++;
                        keep.add(tag);
                    } else {
                        channel.basicAck(tag, false);
                        replayed++;
                        if (id != null) {
                            sent.add(id);
                        }
                    }
                    if (messageId != null && messageId.equals(id)) {
                        break;
                    }
                }
            } finally {
                for (Long tag : keep) {
                    channel.basicNack(tag, false, true);
                }
            }
            int left = (int) Math.max(0, channel.queueDeclarePassive(dlq).getMessageCount() - returned - stillFailing);
            log.info(
                    "replayed {} from {}: {} replayed, {} returned, {} still failing, {} left",
                    messageId == null ? "all" : messageId,
                    dlq,
                    replayed,
                    returned,
                    stillFailing,
                    left);
            return new ReplayReport(replayed, returned, stillFailing, left);
        });
    }

    /** The queue the message was dead-lettered from: our header, else the broker's x-death, else the DLQ's own queue. */
    static String originalQueue(AMQP.BasicProperties props, Topology.WorkQueue queue) {
        String original = header(props, FailureRouter.ORIGINAL_QUEUE_HEADER);
        if (original == null) {
            original = firstDeath(props)
                    .map(death -> Objects.toString(death.get("queue"), null))
                    .orElse(null);
        }
        return original == null || original.isBlank() ? queue.name() : original;
    }

    private static AMQP.BasicProperties replayProperties(AMQP.BasicProperties props) {
        Map<String, Object> headers = new HashMap<>(props.getHeaders() == null ? Map.of() : props.getHeaders());
        if (headers.get(FailureRouter.ORIGINAL_ROUTING_KEY_HEADER) == null) {
            // keep the event's routing key for a later retry or dead-lettering: the broker's x-death knows it
            firstDeath(props)
                    .map(death -> death.get("routing-keys"))
                    .filter(List.class::isInstance)
                    .map(keys -> (List<?>) keys)
                    .filter(keys -> !keys.isEmpty())
                    .ifPresent(keys -> headers.put(
                            FailureRouter.ORIGINAL_ROUTING_KEY_HEADER,
                            keys.getFirst().toString()));
        }
        // a replay is a fresh start: no attempt count, no old failure
        List.of(
                        FailureRouter.ATTEMPT_HEADER,
                        FailureRouter.REASON_HEADER,
                        FailureRouter.EXCEPTION_MESSAGE_HEADER,
                        FailureRouter.EXCEPTION_TYPE_HEADER,
                        FailureRouter.LAST_ERROR_HEADER,
                        "x-death",
                        "x-first-death-queue",
                        "x-first-death-reason",
                        "x-first-death-exchange",
                        FailureRouter.DEAD_LETTERED_AT_HEADER)
                .forEach(headers::remove);
        headers.put("x-storyline-replayed-at", Instant.now().toString());
        return props.builder().headers(headers).expiration(null).build();
    }

    @SuppressWarnings("unchecked")
    private static Optional<Map<String, Object>> firstDeath(AMQP.BasicProperties props) {
        Object deaths = props.getHeaders() == null ? null : props.getHeaders().get("x-death");
        if (deaths instanceof List<?> list && !list.isEmpty() && list.getFirst() instanceof Map<?, ?> death) {
            return Optional.of((Map<String, Object>) death);
        }
        return Optional.empty();
    }

    public int purge(String workQueue) {
        String dlq = Topology.byName(workQueue).deadLetterQueue();
        return rabbit.execute(channel -> channel.queuePurge(dlq).getMessageCount());
    }

    private static Entry entry(String dlq, AMQP.BasicProperties props, byte[] body, boolean withBody) {
        String deadAt = header(props, FailureRouter.DEAD_LETTERED_AT_HEADER);
        Long age = deadAt == null
                ? null
                : Duration.between(Instant.parse(deadAt), Instant.now()).toSeconds();
        Object attempts = props.getHeaders() == null ? null : props.getHeaders().get(FailureRouter.ATTEMPT_HEADER);
        String reason = header(props, FailureRouter.REASON_HEADER);
        if (reason == null && props.getHeaders() != null && props.getHeaders().get("x-first-death-reason") != null) {
            reason = "broker:" + props.getHeaders().get("x-first-death-reason");
        }
        return new Entry(
                dlq,
                props.getMessageId(),
                props.getType(),
                reason,
                header(props, FailureRouter.EXCEPTION_MESSAGE_HEADER),
                header(props, FailureRouter.ORIGINAL_ROUTING_KEY_HEADER),
                header(props, "x-storyline-account"),
                header(props, "x-storyline-post"),
                attempts instanceof Number n ? n.intValue() : null,
                deadAt,
                age,
                withBody ? new String(body, StandardCharsets.UTF_8) : null);
    }

    private static String header(AMQP.BasicProperties props, String name) {
        if (props.getHeaders() == null) {
            return null;
        }
        Object value = props.getHeaders().get(name);
        return value == null ? null : Objects.toString(value);
    }
}
