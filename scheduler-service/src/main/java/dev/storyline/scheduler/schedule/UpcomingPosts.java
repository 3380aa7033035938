package dev.storyline.scheduler.schedule;

import dev.storyline.platform.admin.AdminApiErrors.Conflict;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The posts to come, as operators see them: planned and in-flight slots, plus the slots of the last
 * day that went out empty or were missed (with the reason in {@code note}); and "post the next one now".
 */
@Component
public class UpcomingPosts {

    public record Entry(
            UUID id,
            Instant slotAt,
            String category,
            String status,
            String mediaPath,
            String route,
            String routeReason,
            String note) {}

    private final JdbcClient jdbc;
    private final MediaPicker picker;
    private final SlotEvents events;

    public UpcomingPosts(JdbcClient jdbc, MediaPicker picker, SlotEvents events) {
        this.jdbc = jdbc;
        this.picker = picker;
        this.events = events;
    }

    public List<Entry> upcoming(String accountId, int limit, int offset) {
        return jdbc.sql("""
                        select s.id, s.slot_at, s.category, s.status, m.path as media_path, s.route, s.route_reason, s.note
                        from slots s left join media_items m on m.id = s.media_id
                        where s.account_id = :a
                          and (s.status in ('PLANNED', 'DISPATCHED', 'MANUAL_PENDING')
                               or (s.status in ('EMPTY', 'MISSED') and s.slot_at > now() - interval '24 hours'))
                        order by s.slot_at, s.id limit :limit offset :offset
                        """)
                .param("a", accountId)
                .param("limit", limit)
                .param("offset", offset)
                .query(Entry.class)
                .list();
    }

    /**
     * Forces the next planned slot to be dispatched now (even while paused); creates a slot when
     * none is planned. Refused when no medium could be posted: the slot would only go out empty.
     * Returns the slot (post) id.
     */
    @Transactional
    public UUID postNextNow(String accountId) {
        if (picker.pick(accountId, null).isEmpty()) {
            throw new Conflict(
                    "nothing to post for '" + accountId + "': no active, valid medium that is neither locked "
                            + "nor already in flight (see storyline stats and storyline media --invalid)");
        }
        return jdbc.sql("""
                        update slots set slot_at = date_trunc('milliseconds', now()), forced = true
                        where id = (select id from slots where account_id = :a and status = 'PLANNED'
                                    order by slot_at limit 1 for update skip locked)
                        returning id
                        """)
                .param("a", accountId)
                .query(UUID.class)
                .optional()
                .map(id -> {
                    events.record(id, SlotEvents.Type.RESCHEDULED, "post next now: moved to now");
                    return id;
                })
                .orElseGet(() -> {
                    UUID id = UUID.randomUUID();
                    jdbc.sql("""
                                    insert into slots (id, account_id, slot_at, status, forced)
                                    values (:id, :a, date_trunc('milliseconds', now()), 'PLANNED', true)
                                    """).param("id", id).param("a", accountId).update();
                    events.record(id, SlotEvents.Type.PLANNED, "post next now: no slot was planned, one added for now");
                    return id;
                });
    }
}
