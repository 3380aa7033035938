package dev.storyline.scheduler.insights;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What happened to an account's posts, newest first: every recorded outcome, and the slots that went
 * out empty or were missed (status EMPTY / MISSED, the reason in {@code error}), which have no outcome
 * event of their own.
 */
@Component
public class PostingHistory {

    public record Entry(
            UUID postId,
            String status,
            String method,
            String storyId,
            String postedBy,
            String error,
            boolean dryRun,
            String mediaPath,
            Instant occurredAt) {}

    private final JdbcClient jdbc;

    public PostingHistory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<Entry> recent(String accountId, int limit, int offset) {
        return jdbc.sql("""
                        select * from (
                            select h.post_id, h.status, h.method, h.story_id, h.posted_by, h.error, h.dry_run,
                                   m.path as media_path, h.occurred_at, h.id as seq
                            from posting_history h left join media_items m on m.id = h.media_id
                            where h.account_id = :a
                            union all
                            select s.id, s.status, null, null, null, s.note, false, null,
                                   coalesce(s.completed_at, s.slot_at), 0
                            from slots s where s.account_id = :a and s.status in ('EMPTY', 'MISSED')) e
                        order by e.occurred_at desc, e.seq desc limit :limit offset :offset
                        """)
                .param("a", accountId)
                .param("limit", limit)
                .param("offset", offset)
                .query((rs, n) -> new Entry(
                        rs.getObject("post_id", UUID.class),
                        rs.getString("status"),
                        rs.getString("method"),
                        rs.getString("story_id"),
                        rs.getString("posted_by"),
                        rs.getString("error"),
                        rs.getBoolean("dry_run"),
                        rs.getString("media_path"),
                        rs.getTimestamp("occurred_at").toInstant()))
                .list();
    }
}
