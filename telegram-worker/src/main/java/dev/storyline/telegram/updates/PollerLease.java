package dev.storyline.telegram.updates;

import java.time.Duration;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Leadership for getUpdates: one row per bot, held by the instance that renews it. A lease (not a
 * session advisory lock) so no pooled connection is pinned, and a dead or frozen holder is replaced
 * once its lease lapses.
 */
@Component
class PollerLease {

    private final JdbcClient jdbc;

    PollerLease(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Takes or renews the lease; false while another live instance holds it. */
    boolean hold(String botId, UUID holder, Duration lease) {
        return jdbc.sql("""
                        insert into poller_leases (bot_id, holder, lease_until)
                        values (:bot, :holder, now() + make_interval(secs => :lease))
                        on conflict (bot_id) do update
                            set holder = excluded.holder, lease_until = excluded.lease_until,
                                acquired_at = case when poller_leases.holder = excluded.holder
                                                   then poller_leases.acquired_at else now() end
                            where poller_leases.holder = excluded.holder or poller_leases.lease_until < now()
                        returning holder
                        """)
                .param("bot", botId)
                .param("holder", holder)
                .param("lease", lease.toMillis() / 1000.0)
                .query(UUID.class)
                .optional()
                .isPresent();
    }

    /** Hands over at once on a graceful stop instead of making the next poller wait out the lease. */
    void release(String botId, UUID holder) {
        jdbc.sql("delete from poller_leases where bot_id = :bot and holder = :holder")
                .param("bot", botId)
                .param("holder", holder)
                .update();
    }
}
