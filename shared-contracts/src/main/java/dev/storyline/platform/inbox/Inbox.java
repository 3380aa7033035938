package dev.storyline.platform.inbox;

import dev.storyline.contracts.events.EventEnvelope;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Remembers which events each consumer has processed, so a redelivered or duplicated event has no
 * second effect. Marking happens in the consumer's transaction: the unique key makes a concurrent
 * duplicate wait for the first and then see it as processed.
 */
public class Inbox {

    private final JdbcClient jdbc;

    public Inbox(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Returns true the first time this consumer sees the event, false for a duplicate. */
    public boolean markProcessed(String consumer, EventEnvelope<?> event) {
        return jdbc.sql("""
                        insert into inbox (consumer, event_id, event_type)
                        values (:consumer, :eventId, :type)
                        on conflict do nothing
                        """)
                        .param("consumer", consumer)
                        .param("eventId", event.eventId())
                        .param("type", event.type())
                        .update()
                == 1;
    }

    public boolean alreadyProcessed(String consumer, UUID eventId) {
        return jdbc.sql("select exists (select 1 from inbox where consumer = :consumer and event_id = :eventId)")
                .param("consumer", consumer)
                .param("eventId", eventId)
                .query(Boolean.class)
                .single();
    }
}
