package dev.storyline.platform.outbox;

import dev.storyline.contracts.messaging.MandatoryPublisher;
import dev.storyline.contracts.messaging.Topology;
import dev.storyline.platform.health.FatalErrors;
import dev.storyline.platform.health.LoopHealth;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.support.DefaultMessagePropertiesConverter;
import org.springframework.amqp.rabbit.support.MessagePropertiesConverter;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes outbox rows (mandatory, with publisher confirms) and marks them sent in the same transaction that
 * locked them. Rows are claimed with {@code FOR UPDATE SKIP LOCKED}, so several instances relay in
 * parallel without sending a row twice; a crash between confirm and commit re-sends a row, which
 * consumers absorb through their inbox (at-least-once in, exactly-once effect).
 */
public class OutboxRelay implements SmartLifecycle {

    public static final String LOOP_NAME = "outbox-relay";
    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final MessagePropertiesConverter PROPERTIES = new DefaultMessagePropertiesConverter();

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final RabbitTemplate rabbit;
    private final OutboxWakeup wakeup;
    private final LoopHealth loops;
    private final OutboxProperties properties;
    private volatile boolean running;
    private Thread thread;

    public OutboxRelay(
            JdbcClient jdbc,
            TransactionTemplate transactions,
            RabbitTemplate rabbit,
            OutboxWakeup wakeup,
            LoopHealth loops,
            OutboxProperties properties) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.rabbit = rabbit;
        this.wakeup = wakeup;
        this.loops = loops;
        this.properties = properties;
    }

    private record Row(
            long id, UUID eventId, String eventType, String routingKey, String accountId, UUID postId, String body) {}

    /** Publishes one batch; returns how many rows were sent. */
    public int relayBatch() {
        Integer sent = transactions.execute(status -> {
            List<Row> rows = jdbc.sql("""
                            select id, event_id, event_type, routing_key, account_id, post_id, body
                            from outbox
                            where published_at is null
                            order by id
                            limit :limit
                            for update skip locked
                            """)
                    .param("limit", properties.batchSize())
                    .query(Row.class)
                    .list();
            if (rows.isEmpty()) {
                return 0;
            }
            List<MandatoryPublisher.Outgoing> outgoing = rows.stream()
                    .map(row -> new MandatoryPublisher.Outgoing(
                            Topology.EVENTS_EXCHANGE,
                            row.routingKey(),
                            PROPERTIES.fromMessageProperties(properties(row), StandardCharsets.UTF_8.name()),
                            row.body().getBytes(StandardCharsets.UTF_8)))
                    .toList();
            List<MandatoryPublisher.Returned> returned = rabbit.execute(
                    channel -> MandatoryPublisher.publish(channel, outgoing, properties.confirmTimeout()));
            if (returned != null && !returned.isEmpty()) {
                // Confirmed but routed nowhere: marking it sent would lose it. The rows stay unsent and the
                // batch is retried after the error backoff, until the binding exists again.
                throw new IllegalStateException("no queue took " + returned.size() + " event(s) of the batch; "
                        + "nothing marked sent: " + returned);
            }
            jdbc.sql("update outbox set published_at = now() where id in (:ids)")
                    .param("ids", rows.stream().map(Row::id).toList())
                    .update();
            return rows.size();
        });
        return sent == null ? 0 : sent;
    }

    private static MessageProperties properties(Row row) {
        MessageProperties props = new MessageProperties();
        props.setContentType(MessageProperties.CONTENT_TYPE_JSON);
        props.setContentEncoding(StandardCharsets.UTF_8.name());
        props.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
        props.setMessageId(row.eventId().toString());
        props.setType(row.eventType());
        props.setHeader("x-storyline-account", row.accountId());
        if (row.postId() != null) {
            props.setHeader("x-storyline-post", row.postId().toString());
        }
        return props;
    }

    public long backlog() {
        return jdbc.sql("select count(*) from outbox where published_at is null")
                .query(Long.class)
                .single();
    }

    private void loop() {
        // sent rows are pruned in batches by dev.storyline.platform.retention.Retention
        while (running) {
            try {
                loops.beat(LOOP_NAME);
                int sent = relayBatch();
                if (sent < properties.batchSize()) {
                    wakeup.await(properties.pollInterval());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (VirtualMachineError e) {
                FatalErrors.exit(log, LOOP_NAME, e);
                return;
            } catch (RuntimeException e) {
                // Broker or database away: keep the rows, report, try again after a pause.
                log.warn("outbox relay could not publish, will retry: {}", e.toString());
                sleepQuietly(properties.errorBackoff());
            } catch (Error e) {
                // Ending this thread would stop every outgoing event while health still beat from elsewhere.
                log.error("outbox relay failed, will retry", e);
                sleepQuietly(properties.errorBackoff());
            }
        }
    }

    private static void sleepQuietly(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void start() {
        running = true;
        loops.register(
                LOOP_NAME,
                properties
                        .pollInterval()
                        .plus(properties.confirmTimeout())
                        .multipliedBy(4)
                        .plus(Duration.ofSeconds(30)));
        thread = Thread.ofPlatform().name("outbox-relay").daemon(true).start(this::loop);
    }

    @Override
    public void stop() {
        running = false;
        wakeup.signal();
        if (thread != null) {
            try {
                thread.join(properties.confirmTimeout().plusSeconds(5).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        // One last pass so events written by the final in-flight messages leave before shutdown.
        try {
            while (relayBatch() > 0) {
                // drain
            }
        } catch (RuntimeException e) {
            log.warn("outbox not drained at shutdown; rows stay for the next start: {}", e.toString());
        }
        loops.unregister(LOOP_NAME);
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Starts before and stops after the consumers, which write to the outbox. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 200;
    }
}
