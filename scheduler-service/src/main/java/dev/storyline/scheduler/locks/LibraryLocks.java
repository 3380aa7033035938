package dev.storyline.scheduler.locks;

import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * An operator's say over a medium's locks outside any post: reject it for good, or lift every lock it has.
 * The picker reads {@code media_locks} at each dispatch, so either takes effect at the next pick; a post
 * already carrying the medium is left alone (its outcome may still add a cool-down, which unlock lifts too).
 */
@Component
public class LibraryLocks {

    private static final Logger log = LoggerFactory.getLogger(LibraryLocks.class);

    private final JdbcClient jdbc;

    public LibraryLocks(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Locks the medium for good unless a rejection (from Telegram or the library) already does, so a repeated
     * reject keeps the first one's who and why. Throws NoSuchElementException for a medium not of the account.
     */
    @Transactional
    public void reject(String accountId, UUID mediaId, String by, String reason) {
        requireMedium(accountId, mediaId);
        int added = jdbc.sql("""
                        insert into media_locks (account_id, media_id, reason, locked_until, post_id, locked_by, note)
                        select :account, :media, 'REJECTED', timestamptz '9999-12-31 00:00:00+00', null, :by, :note
                        where not exists (select 1 from media_locks l
                                          where l.media_id = :media and l.reason = 'REJECTED' and l.locked_until > now())
                        on conflict (media_id) where post_id is null do nothing
                        """)
                .param("account", accountId)
                .param("media", mediaId)
                .param("by", by)
                .param("note", reason)
                .update();
        if (added > 0) {
            log.info("medium {} of account {} rejected by {}", mediaId, accountId, by);
        }
    }

    /** Lifts every lock of the medium, cool-downs and rejections alike; answers how many there were. */
    @Transactional
    public int unlock(String accountId, UUID mediaId, String by) {
        requireMedium(accountId, mediaId);
        int removed = jdbc.sql("delete from media_locks where account_id = :account and media_id = :media")
                .param("account", accountId)
                .param("media", mediaId)
                .update();
        if (removed > 0) {
            log.info("medium {} of account {} unlocked by {} ({} locks lifted)", mediaId, accountId, by, removed);
        }
        return removed;
    }

    /** The post now carrying the medium (dispatched or waiting for a person), if any. */
    public Optional<UUID> inFlightPost(UUID mediaId) {
        return jdbc.sql("""
                        select id from slots where media_id = :media and status in ('DISPATCHED', 'MANUAL_PENDING')
                        order by dispatched_at limit 1
                        """).param("media", mediaId).query(UUID.class).optional();
    }

    private void requireMedium(String accountId, UUID mediaId) {
        // for update: a concurrent reject and unlock of one medium apply one after the other
        boolean known = jdbc.sql("select id from media_items where account_id = :account and id = :media for update")
                .param("account", accountId)
                .param("media", mediaId)
                .query(UUID.class)
                .optional()
                .isPresent();
        if (!known) {
            throw new NoSuchElementException("no media " + mediaId + " in account " + accountId);
        }
    }
}
