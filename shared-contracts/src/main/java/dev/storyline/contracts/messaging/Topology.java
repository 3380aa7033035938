package dev.storyline.contracts.messaging;

import java.time.Duration;
import java.util.List;

/**
 * The whole RabbitMQ topology by name. Every service declares all of it (see
 * {@link TopologyDeclarations}), so whichever starts first creates the same queues with the
 * same arguments.
 *
 * <p>Each work queue {@code Q} is a durable quorum queue that dead-letters at-least-once (the broker
 * keeps a message until the dead-letter queue has confirmed it) and refuses publishes rather than
 * dropping messages when full, with
 * <ul>
 *   <li>{@code Q.dlq}: reached through {@link #DEAD_LETTER_EXCHANGE} with routing key {@code Q},
 *       either by the consumer (with the reason in headers) or by the broker (delivery limit).</li>
 * </ul>
 *
 * <p>Retries wait in one delay queue per backoff step, {@code storyline.retry.<step>}, shared by all work
 * queues: a quorum queue whose fixed TTL is the step, fed by the fanout exchange of the same name and
 * dead-lettered (at-least-once) through the default exchange to the queue named by the message's routing
 * key, which is its work queue. Every message in a step queue waits the same time, so none waits behind
 * a longer backoff (a per-message TTL only expires at the head of a queue), and order is kept per step.
 * The classic {@code Q.retry} queues of earlier versions are no longer used (see README).
 */
public final class Topology {

    public static final String EVENTS_EXCHANGE = "storyline.events";
    public static final String DEAD_LETTER_EXCHANGE = "storyline.dlx";
    /** The exchange of the earlier per-queue retry queues; no longer declared or published to. */
    public static final String RETRY_EXCHANGE = "storyline.retry";

    /** The backoff steps: a retry waits the smallest step at least as long as its backoff (the largest at most). */
    public static final List<Duration> RETRY_STEPS = List.of(
            Duration.ofSeconds(1),
            Duration.ofSeconds(2),
            Duration.ofSeconds(4),
            Duration.ofSeconds(8),
            Duration.ofSeconds(16),
            Duration.ofSeconds(32),
            Duration.ofSeconds(64));

    /** A message redelivered this often without an ack (e.g. it crashes its consumer) is dead-lettered by the broker. */
    public static final int DELIVERY_LIMIT = 10;

    public static final WorkQueue SCHEDULER_OUTCOMES = new WorkQueue(
            "scheduler.outcomes",
            List.of(
                    "post.published",
                    "post.fallback.*",
                    "post.manual-resolved",
                    "post.failed",
                    "post.auto-requested",
                    "token.refreshed",
                    "token.refresh-failed"));
    public static final WorkQueue UPLOAD_REQUESTS = new WorkQueue("upload.requests", List.of("post.requested.auto"));
    public static final WorkQueue UPLOAD_CLEANUP =
            new WorkQueue("upload.cleanup", List.of("post.published", "post.manual-resolved", "post.failed"));
    public static final WorkQueue INSTAGRAM_HOSTED = new WorkQueue("instagram.hosted", List.of("media.hosted"));
    public static final WorkQueue TELEGRAM_REQUESTS = new WorkQueue(
            "telegram.requests",
            List.of("post.requested.manual", "post.fallback.*", "admin.alert", "token.refresh-failed"));
    /** Decisions taken anywhere, so Telegram's copy of a post shows one made elsewhere (web console, CLI). */
    public static final WorkQueue TELEGRAM_RESOLUTIONS =
            new WorkQueue("telegram.resolutions", List.of("post.manual-resolved"));

    public static final WorkQueue TOKEN_SIGNALS =
            new WorkQueue("token.signals", List.of("post.fallback.token_expired"));

    public static final List<WorkQueue> WORK_QUEUES = List.of(
            SCHEDULER_OUTCOMES,
            UPLOAD_REQUESTS,
            UPLOAD_CLEANUP,
            INSTAGRAM_HOSTED,
            TELEGRAM_REQUESTS,
            TELEGRAM_RESOLUTIONS,
            TOKEN_SIGNALS);

    private Topology() {}

    /** A consumer's queue and the routing keys (topic patterns) it is bound with. */
    public record WorkQueue(String name, List<String> bindings) {

        /** The classic retry queue of earlier versions (drains by itself; delete it once empty). */
        public String legacyRetryQueue() {
            return name + ".retry";
        }

        public String deadLetterQueue() {
            return name + ".dlq";
        }
    }

    /** The delay queue (and its exchange) of the step a backoff rounds to. */
    public static String retryStep(Duration backoff) {
        Duration step = RETRY_STEPS.stream()
                .filter(s -> s.compareTo(backoff) >= 0)
                .findFirst()
                .orElse(RETRY_STEPS.getLast());
        return "storyline.retry." + step.toSeconds() + "s";
    }

    public static WorkQueue byName(String queue) {
        return WORK_QUEUES.stream()
                .filter(q -> q.name().equals(queue))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown work queue " + queue));
    }
}
