package dev.storyline.scheduler.schedule;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A slot's timeline: every place that changes a slot's state adds one event here, in the same transaction,
 * so the story can never say more or less than what happened. One insert, no transaction of its own; an event
 * caused by a broker message carries that message's id and is written once however often it arrives.
 */
@Component
public class SlotEvents {

    /** What happened to the slot. */
    public enum Type {
        PLANNED,
        RESCHEDULED,
        DISPATCHED,
        FELL_BACK,
        HANDED_BACK,
        STUCK,
        PUBLISHED,
        POSTED_MANUALLY,
        SKIPPED,
        REJECTED,
        FAILED,
        MISSED,
        EMPTY
    }

    /**
     * @param by  who acted (a person's e-mail or Telegram name, "dry-run", the publishing method); null: the
     *            scheduler on its own
     * @param via the face a person used (telegram, web-console, cli, admin-api, dry-run)
     */
    public record Event(Instant at, String type, String detail, String by, String via) {}

    private final JdbcClient jdbc;

    SlotEvents(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Something the scheduler did by itself. */
    public void record(UUID slot, Type type, String detail) {
        record(slot, type, detail, null, null, null);
    }

    /** @param cause the id of the broker event that caused it, null when none did */
    public void record(UUID slot, Type type, String detail, String by, String via, UUID cause) {
        jdbc.sql("""
                        insert into slot_events (slot_id, account_id, type, detail, actor, via, event_id)
                        select id, account_id, :type, :detail, :by, :via, :cause from slots where id = :slot
                        on conflict do nothing
                        """)
                .param("slot", slot)
                .param("type", type.name())
                .param("detail", detail)
                .param("by", by)
                .param("via", via)
                .param("cause", cause)
                .update();
    }

    /** The slot's events, oldest first. */
    public List<Event> of(UUID slot) {
        return jdbc.sql("""
                        select at, type, detail, actor as by, via from slot_events
                        where slot_id = :slot order by id
                        """).param("slot", slot).query(Event.class).list();
    }
}
