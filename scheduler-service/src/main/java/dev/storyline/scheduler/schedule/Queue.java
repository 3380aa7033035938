package dev.storyline.scheduler.schedule;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What operators see and do with the queue: upcoming slots, history, "post next now". */
@Component
public class Queue {

    public record Entry(UUID id, Instant slotAt, String category, String status, String mediaPath, String route,
                        String routeReason, String note) {
    }

    public record HistoryEntry(UUID postId, String status, String method, String storyId, String postedBy, String error,
                               boolean dryRun, String mediaPath, Instant occurredAt) {
    }

    private final JdbcClient jdbc;

    public Queue(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<Entry> upcoming(String accountId, int limit) {
        return jdbc.sql("""
                        select s.id, s.slot_at, s.category, s.status, m.path as media_path, s.route, s.route_reason, s.note
                        from slots s left join media_items m on m.id = s.media_id
                        where s.account_id = :a and (s.status in ('PLANNED', 'DISPATCHED', 'MANUAL_PENDING'))
                        order by s.slot_at limit :limit
                        """)
                .param("a", accountId).param("limit", limit).query(Entry.class).list();
    }

    public List<HistoryEntry> history(String accountId, int limit) {
        return jdbc.sql("""
                        select h.post_id, h.status, h.method, h.story_id, h.posted_by, h.error, h.dry_run,
                               m.path as media_path, h.occurred_at
                        from posting_history h left join media_items m on m.id = h.media_id
                        where h.account_id = :a order by h.occurred_at desc, h.id desc limit :limit
                        """)
                .param("a", accountId).param("limit", limit).query(HistoryEntry.class).list();
    }

    /**
     * Forces the next planned slot to be dispatched now (even while paused); creates a slot when
     * none is planned. Returns the slot (post) id.
     */
    @Transactional
    public UUID postNextNow(String accountId) {
        return jdbc.sql("""
                        update slots set slot_at = date_trunc('milliseconds', now()), forced = true
                        where id = (select id from slots where account_id = :a and status = 'PLANNED'
                                    order by slot_at limit 1 for update skip locked)
                        returning id
                        """)
                .param("a", accountId).query(UUID.class).optional()
                .orElseGet(() -> {
                    UUID id = UUID.randomUUID();
                    jdbc.sql("""
                                    insert into slots (id, account_id, slot_at, status, forced)
                                    values (:id, :a, date_trunc('milliseconds', now()), 'PLANNED', true)
                                    """)
                            .param("id", id).param("a", accountId).update();
                    return id;
                });
    }
}
