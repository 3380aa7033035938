package dev.storyline.scheduler.locks;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Repost locks as operators see them, and the clean-up of expired ones. */
@Component
public class Locks {

    /** {@code postId} is null and {@code lockedBy} set for a rejection from the library (see {@link LibraryLocks}). */
    public record ActiveLock(
            UUID mediaId,
            String mediaPath,
            String reason,
            Instant lockedUntil,
            boolean permanent,
            UUID postId,
            String lockedBy,
            String note) {}

    private final JdbcClient jdbc;

    public Locks(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<ActiveLock> active(String accountId, int limit, int offset) {
        return jdbc.sql("""
                        select l.media_id, m.path as media_path, l.reason, l.locked_until,
                               l.locked_until >= timestamptz '9999-01-01' as permanent, l.post_id,
                               l.locked_by, l.note
                        from media_locks l join media_items m on m.id = l.media_id
                        where l.account_id = :a and l.locked_until > now()
                        order by l.locked_until, m.path
                        limit :limit offset :offset
                        """)
                .param("a", accountId)
                .param("limit", limit)
                .param("offset", offset)
                .query(ActiveLock.class)
                .list();
    }

    /** Expired locks carry no meaning any more; history keeps what happened. */
    public int deleteExpired() {
        return jdbc.sql("delete from media_locks where locked_until <= now()").update();
    }
}
