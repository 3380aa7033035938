package dev.storyline.scheduler.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.storyline.contracts.events.EventEnvelope;
import dev.storyline.contracts.events.PostFailed;
import dev.storyline.scheduler.MediaLibrary;
import dev.storyline.scheduler.SchedulerTest;
import dev.storyline.scheduler.outcomes.OutcomeRecorder;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The just-in-time pick's order (never used first, then least recently used, then the oldest) and its cost:
 * it reads a few rows of an index, not the whole library, so an account with a very large library neither
 * slows dispatch nor the console's preview of the next picks.
 */
@SchedulerTest
class PickOrderTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int LIBRARY = 20_000;

    @DynamicPropertySource
    static void mediaRoot(DynamicPropertyRegistry registry) {
        registry.add("storyline.scheduler.media-root", MediaLibrary.newRoot()::toString);
    }

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MediaPicker picker;

    @Autowired
    OutcomeRecorder recorder;

    @Autowired
    TransactionTemplate transactions;

    @BeforeEach
    void emptyLibrary() {
        jdbc.sql("delete from posting_history").update();
        jdbc.sql("delete from media_locks").update();
        jdbc.sql("delete from slots").update();
        jdbc.sql("delete from media_items").update();
    }

    @Test
    void a_medium_whose_post_just_failed_goes_behind_the_media_never_used() {
        Instant now = Instant.now();
        UUID oldest = media("memes/a.jpg", "memes", now.minusSeconds(300));
        UUID next = media("memes/b.jpg", "memes", now.minusSeconds(200));
        media("memes/c.jpg", "memes", now.minusSeconds(100));
        assertThat(picker.pick("default", "memes"))
                .map(MediaPicker.Pick::mediaId)
                .contains(oldest);

        UUID slot = UUID.randomUUID();
        jdbc.sql("""
                        insert into slots (id, account_id, slot_at, status, media_id, route, dispatched_at)
                        values (:id, 'default', now(), 'DISPATCHED', :media, 'AUTO', now())
                        """).param("id", slot).param("media", oldest).update();
        // a failure locks nothing: only the order keeps the medium from coming straight back
        transactions.executeWithoutResult(s -> recorder.failed(
                EventEnvelope.forPost("default", slot, new PostFailed("publish", "Graph API answered 500"))));

        assertThat(picker.pick("default", "memes"))
                .map(MediaPicker.Pick::mediaId)
                .contains(next);
        assertThat(picker.pick("default", null)).map(MediaPicker.Pick::mediaId).contains(next);
        assertThat(jdbc.sql("select last_used_at is not null from media_items where id = :id")
                        .param("id", oldest)
                        .query(Boolean.class)
                        .single())
                .isTrue();
    }

    @Test
    void a_pick_reads_a_few_rows_however_large_the_library_is() throws Exception {
        jdbc.sql("""
                        insert into media_items (id, account_id, path, category, sha256, mime_type, size_bytes, valid,
                                                 first_seen_at, last_used_at)
                        select gen_random_uuid(), 'default', format('%s/%s.jpg', c, g), c,
                               md5('a' || g) || md5('b' || g), 'image/jpeg', 1000, true,
                               now() - make_interval(secs => g), case when g % 3 = 0 then now() - make_interval(mins => g) end
                        from generate_series(1, :n) g, lateral (select (array['memes', 'merch'])[1 + g % 2] as c) category
                        """).param("n", LIBRARY).update();
        jdbc.sql("analyze media_items").update();

        assertThat(mediaRowsRead(MediaPicker.PICK_ANY, null)).isLessThanOrEqualTo(10);
        assertThat(mediaRowsRead(MediaPicker.PICK_IN_CATEGORY, "merch")).isLessThanOrEqualTo(10);
        assertThat(mediaRowsRead(MediaPicker.PREVIEW, "memes")).isLessThanOrEqualTo(10);
        assertThat(mediaRowsRead(MediaPicker.PREVIEW, "no-such-category")).isLessThanOrEqualTo(10);
    }

    /** Rows the statement's plan took out of media_items, as EXPLAIN ANALYZE counts them. */
    private long mediaRowsRead(String statement, String category) throws Exception {
        String plan = String.join(
                "\n",
                jdbc.sql("explain (analyze, format json) " + statement)
                        .param("account", "default")
                        .param("category", category)
                        .param("excluded", "")
                        .query(String.class)
                        .list());
        return rowsFrom(JSON.readTree(plan).get(0).path("Plan"));
    }

    private static long rowsFrom(JsonNode node) {
        long rows = "media_items".equals(node.path("Relation Name").asText())
                ? node.path("Actual Rows").asLong() * node.path("Actual Loops").asLong()
                : 0;
        for (JsonNode child : node.path("Plans")) {
            rows += rowsFrom(child);
        }
        return rows;
    }

    private UUID media(String path, String category, Instant firstSeen) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        insert into media_items (id, account_id, path, category, sha256, mime_type, size_bytes, valid,
                                                 first_seen_at)
                        values (:id, 'default', :path, :category, :sha, 'image/jpeg', 1000, true, :seen)
                        """)
                .param("id", id)
                .param("path", path)
                .param("category", category)
                .param("sha", (id.toString().replace("-", "") + id.toString().replace("-", "")))
                .param("seen", Timestamp.from(firstSeen))
                .update();
        return id;
    }
}
