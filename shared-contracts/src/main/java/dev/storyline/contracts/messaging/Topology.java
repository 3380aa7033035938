package dev.storyline.contracts.messaging;

import java.util.List;

/**
 * The whole RabbitMQ topology by name. Every service declares all of it (see
 * {@link TopologyDeclarations}), so whichever starts first creates the same queues with the
 * same arguments.
 *
 * <p>Each work queue {@code Q} is a durable quorum queue with
 * <ul>
 *   <li>{@code Q.retry}: a delay queue on {@link #RETRY_EXCHANGE}; a message sits there for its
 *       per-message TTL (the backoff) and is dead-lettered back into {@code Q};</li>
 *   <li>{@code Q.dlq}: reached through {@link #DEAD_LETTER_EXCHANGE} with routing key {@code Q},
 *       either by the consumer (with the reason in headers) or by the broker (delivery limit).</li>
 * </ul>
 */
public final class Topology {

    public static final String EVENTS_EXCHANGE = "storyline.events";
    public static final String DEAD_LETTER_EXCHANGE = "storyline.dlx";
    public static final String RETRY_EXCHANGE = "storyline.retry";

    /** A message redelivered this often without an ack (e.g. it crashes its consumer) is dead-lettered by the broker. */
    public static final int DELIVERY_LIMIT = 10;

    public static final WorkQueue SCHEDULER_OUTCOMES = new WorkQueue("scheduler.outcomes", List.of(
            "post.published", "post.fallback.*", "post.manual-resolved", "post.failed", "post.auto-requested",
            "token.refreshed", "token.refresh-failed"));
    public static final WorkQueue UPLOAD_REQUESTS = new WorkQueue("upload.requests", List.of("post.requested.auto"));
    public static final WorkQueue UPLOAD_CLEANUP = new WorkQueue("upload.cleanup", List.of(
            "post.published", "post.manual-resolved", "post.failed"));
    public static final WorkQueue INSTAGRAM_HOSTED = new WorkQueue("instagram.hosted", List.of("media.hosted"));
    public static final WorkQueue TELEGRAM_REQUESTS = new WorkQueue("telegram.requests", List.of(
            "post.requested.manual", "post.fallback.*", "admin.alert", "token.refresh-failed"));
    public static final WorkQueue TOKEN_SIGNALS = new WorkQueue("token.signals", List.of("post.fallback.token_expired"));

    public static final List<WorkQueue> WORK_QUEUES = List.of(
            SCHEDULER_OUTCOMES, UPLOAD_REQUESTS, UPLOAD_CLEANUP, INSTAGRAM_HOSTED, TELEGRAM_REQUESTS, TOKEN_SIGNALS);

    private Topology() {
    }

    /** A consumer's queue and the routing keys (topic patterns) it is bound with. */
    public record WorkQueue(String name, List<String> bindings) {

        public String retryQueue() {
            return name + ".retry";
        }

        public String deadLetterQueue() {
            return name + ".dlq";
        }
    }

    public static WorkQueue byName(String queue) {
        return WORK_QUEUES.stream().filter(q -> q.name().equals(queue)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown work queue " + queue));
    }
}
