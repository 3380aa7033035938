package dev.storyline.scheduler;

import dev.storyline.contracts.events.PostContent;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Slots written and read directly, the way the tests of dispatch, outcomes and the CLI set them up and check them. */
public record Slots(JdbcClient jdbc) {

    /** A PLANNED slot of the account at the instant: due as soon as that instant has passed. */
    public UUID planned(String account, Instant at) {
        UUID id = UUID.randomUUID();
        jdbc.sql("insert into slots (id, account_id, slot_at, status) values (:id, :account, :at, 'PLANNED')")
                .param("id", id)
                .param("account", account)
                .param("at", Timestamp.from(at))
                .update();
        return id;
    }

    /** The content an event about the slot carries, as a worker would send it back: the slot's medium, the rest made up. */
    public PostContent content(UUID slot) {
        return jdbc.sql("select m.id, m.path from media_items m join slots s on s.media_id = m.id where s.id = :id")
                .param("id", slot)
                .query((rs, n) -> new PostContent(
                        rs.getObject("id", UUID.class),
                        rs.getString("path"),
                        "image/jpeg",
                        "memes",
                        "ab".repeat(32),
                        1,
                        null,
                        null,
                        null,
                        List.of(),
                        false))
                .single();
    }

    public String status(UUID slot) {
        return jdbc.sql("select status from slots where id = :id")
                .param("id", slot)
                .query(String.class)
                .single();
    }
}
