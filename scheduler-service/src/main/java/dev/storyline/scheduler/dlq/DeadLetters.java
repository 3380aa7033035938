package dev.storyline.scheduler.dlq;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.GetResponse;
import dev.storyline.contracts.consuming.FailureRouter;
import dev.storyline.contracts.messaging.Topology;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeoutException;

/**
 * Operator tooling for the dead-letter queues: list with reasons, show one, replay (back to the
 * original routing key on the events exchange) and purge. Browsing takes messages without
 * acknowledging them and closes the channel, so they stay where they were.
 */
@Component
public class DeadLetters {

    public record Entry(String queue, String messageId, String type, String reason, String error, String routingKey,
                        String accountId, String postId, Integer attempts, String deadLetteredAt, Long ageSeconds,
                        String body) {
    }

    public record QueueDepth(String queue, long messages) {
    }

    private static final int BROWSE_LIMIT = 500;

    private final RabbitTemplate rabbit;

    public DeadLetters(RabbitTemplate rabbit) {
        this.rabbit = rabbit;
    }

    public List<QueueDepth> depths() {
        return rabbit.execute(channel -> {
            List<QueueDepth> depths = new ArrayList<>();
            for (Topology.WorkQueue queue : Topology.WORK_QUEUES) {
                depths.add(new QueueDepth(queue.deadLetterQueue(), channel.queueDeclarePassive(queue.deadLetterQueue()).getMessageCount()));
            }
            return depths;
        });
    }

    public List<Entry> list(String workQueue, boolean withBody) {
        List<Topology.WorkQueue> queues = workQueue == null ? Topology.WORK_QUEUES : List.of(Topology.byName(workQueue));
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

    /** Republishes matching messages (one id, or all when messageId is null) to their original routing key. */
    public int replay(String workQueue, String messageId) {
        String dlq = Topology.byName(workQueue).deadLetterQueue();
        return rabbit.execute(channel -> {
            channel.confirmSelect();
            int replayed = 0;
            List<Long> skipped = new ArrayList<>();
            GetResponse response;
            int seen = 0;
            while (seen++ < BROWSE_LIMIT && (response = channel.basicGet(dlq, false)) != null) {
                AMQP.BasicProperties props = response.getProps();
                if (messageId != null && !messageId.equals(props.getMessageId())) {
                    skipped.add(response.getEnvelope().getDeliveryTag());
                    continue;
                }
                String routingKey = header(props, FailureRouter.ORIGINAL_ROUTING_KEY_HEADER);
                if (routingKey == null) {
                    routingKey = response.getEnvelope().getRoutingKey();
                }
                Map<String, Object> headers = new HashMap<>(props.getHeaders() == null ? Map.of() : props.getHeaders());
                // a replay is a fresh start: no attempt count, no old failure
                List.of(FailureRouter.ATTEMPT_HEADER, FailureRouter.REASON_HEADER, FailureRouter.EXCEPTION_MESSAGE_HEADER,
                        FailureRouter.EXCEPTION_TYPE_HEADER, FailureRouter.LAST_ERROR_HEADER, "x-death",
                        FailureRouter.DEAD_LETTERED_AT_HEADER).forEach(headers::remove);
                headers.put("x-storyline-replayed-at", Instant.now().toString());
                AMQP.BasicProperties replayProps = props.builder().headers(headers).expiration(null).build();
                channel.basicPublish(Topology.EVENTS_EXCHANGE, routingKey, true, replayProps, response.getBody());
                try {
                    channel.waitForConfirmsOrDie(10_000);
                } catch (TimeoutException e) {
                    throw new IOException("broker did not confirm the replay", e);
                }
                channel.basicAck(response.getEnvelope().getDeliveryTag(), false);
                replayed++;
                if (messageId != null) {
                    break;
                }
            }
            for (Long tag : skipped) {
                channel.basicNack(tag, false, true);
            }
            return replayed;
        });
    }

    public int purge(String workQueue) {
        String dlq = Topology.byName(workQueue).deadLetterQueue();
        return rabbit.execute(channel -> channel.queuePurge(dlq).getMessageCount());
    }

    private static Entry entry(String dlq, AMQP.BasicProperties props, byte[] body, boolean withBody) {
        String deadAt = header(props, FailureRouter.DEAD_LETTERED_AT_HEADER);
        Long age = deadAt == null ? null : Duration.between(Instant.parse(deadAt), Instant.now()).toSeconds();
        Object attempts = props.getHeaders() == null ? null : props.getHeaders().get(FailureRouter.ATTEMPT_HEADER);
        String reason = header(props, FailureRouter.REASON_HEADER);
        if (reason == null && props.getHeaders() != null && props.getHeaders().get("x-first-death-reason") != null) {
            reason = "broker:" + props.getHeaders().get("x-first-death-reason");
        }
        return new Entry(dlq, props.getMessageId(), props.getType(), reason,
                header(props, FailureRouter.EXCEPTION_MESSAGE_HEADER), header(props, FailureRouter.ORIGINAL_ROUTING_KEY_HEADER),
                header(props, "x-storyline-account"), header(props, "x-storyline-post"),
                attempts instanceof Number n ? n.intValue() : null, deadAt, age,
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
