package dev.storyline.platform.outbox;

import dev.storyline.contracts.events.EventEnvelope;
import dev.storyline.contracts.json.EventCodec;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The transactional outbox: an event is appended in the same database transaction as the state
 * change that caused it, so either both happen or neither does. {@link OutboxRelay} publishes it.
 */
public class Outbox {

    private final JdbcClient jdbc;
    private final EventCodec codec;
    private final OutboxWakeup wakeup;

    public Outbox(JdbcClient jdbc, EventCodec codec, OutboxWakeup wakeup) {
        this.jdbc = jdbc;
        this.codec = codec;
        this.wakeup = wakeup;
    }

    public void append(EventEnvelope<?> event) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException(
                    "Outbox.append must run inside the transaction that changes the state it reports");
        }
        jdbc.sql("""
                        insert into outbox (event_id, event_type, routing_key, account_id, post_id, body)
                        values (:eventId, :type, :routingKey, :accountId, :postId, :body)
                        on conflict (event_id) do nothing
                        """)
                .param("eventId", event.eventId())
                .param("type", event.type())
                .param("routingKey", event.routingKey())
                .param("accountId", event.accountId())
                .param("postId", event.postId())
                .param("body", codec.writeString(event))
                .update();
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                wakeup.signal();
            }
        });
    }
}
