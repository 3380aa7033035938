package dev.storyline.telegram.updates;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Update ids already taken by a poller. Recorded before handling: a poller that dies mid-update loses
 * that one tap or command (the person sees no answer and repeats it), rather than running /next twice.
 */
@Component
class HandledUpdates {

    private final JdbcClient jdbc;

    HandledUpdates(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** True the first time an update id is seen for this bot. */
    boolean claim(String botId, long updateId) {
        return jdbc.sql("insert into handled_updates (bot_id, update_id) values (:bot, :update) on conflict do nothing")
                        .param("bot", botId)
                        .param("update", updateId)
                        .update()
                == 1;
    }

    /** Telegram forgets updates after 24 hours; two days keeps a margin. */
    void prune() {
        jdbc.sql("delete from handled_updates where handled_at < now() - interval '2 days'")
                .update();
    }
}
