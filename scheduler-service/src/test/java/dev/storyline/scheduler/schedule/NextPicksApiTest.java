package dev.storyline.scheduler.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.storyline.contracts.events.Route;
import dev.storyline.scheduler.AdminApi;
import dev.storyline.scheduler.MediaLibrary;
import dev.storyline.scheduler.SchedulerTest;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code GET /api/accounts/{id}/next-picks}: what the just-in-time pick would choose for the next planned
 * slots, by dispatch's own rules, without changing a row anywhere.
 */
@SchedulerTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"storyline.admin.token=test-admin-token", "storyline.account.timezone=Asia/Tokyo"})
class NextPicksApiTest {

    @DynamicPropertySource
    static void mediaRoot(DynamicPropertyRegistry registry) {
        registry.add("storyline.scheduler.media-root", MediaLibrary.newRoot()::toString);
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MediaPicker picker;

    @Autowired
    TransactionTemplate transactions;

    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private UUID oldest;
    private UUID middle;
    private UUID newest;
    private UUID merch;

    @BeforeEach
    void library() {
        jdbc.sql("delete from posting_history").update();
        jdbc.sql("delete from media_locks").update();
        jdbc.sql("delete from slots").update();
        jdbc.sql("delete from media_items").update();
        // never posted, so the oldest first seen goes first
        oldest = media("memes/a.jpg", "memes", now.minusSeconds(3000));
        middle = media("memes/b.jpg", "memes", now.minusSeconds(2000));
        newest = media("memes/c.jpg", "memes", now.minusSeconds(1000));
        merch = media("merch/hoodie.jpg", "merch", now.minusSeconds(4000));
    }

    @Test
    void the_first_preview_is_what_an_immediate_dispatch_picks_and_later_slots_get_distinct_media() throws Exception {
        UUID first = slot(now.plusSeconds(3600), "memes");
        UUID second = slot(now.plusSeconds(7200), "memes");
        UUID third = slot(now.plusSeconds(10800), "memes");
        UUID fourth = slot(now.plusSeconds(14400), "memes");
        UUID fifth = slot(now.plusSeconds(18000), "memes");
        slot(now.minusSeconds(600), "memes"); // overdue: not an upcoming slot

        JsonNode picks = get("/api/accounts/default/next-picks?limit=10");

        assertThat(picks).hasSize(5);
        assertThat(picks.get(0).path("slotId").asText()).isEqualTo(first.toString());
        assertThat(picks.get(1).path("slotId").asText()).isEqualTo(second.toString());
        assertThat(picks.get(0).path("mediaId").asText()).isEqualTo(oldest.toString());
        assertThat(picks.get(0).path("mediaPath").asText()).isEqualTo("memes/a.jpg");
        assertThat(picks.get(0).path("route").asText()).isEqualTo("MANUAL");
        assertThat(picks.get(0).path("routeReason").asText()).isEqualTo("api_disabled");
        assertThat(picks.get(1).path("mediaId").asText()).isEqualTo(middle.toString());
        assertThat(picks.get(2).path("mediaId").asText()).isEqualTo(newest.toString());
        // memes run out: like dispatch, the fourth borrows another category and says so
        assertThat(picks.get(3).path("mediaId").asText()).isEqualTo(merch.toString());
        assertThat(picks.get(3).path("note").asText()).contains("memes exhausted");
        assertThat(picks.get(4).path("mediaId").isNull()).isTrue();
        assertThat(picks.get(4).path("note").asText()).isEqualTo("no eligible media");
        assertThat(picks.get(4).path("slotId").asText()).isEqualTo(fifth.toString());
        HashSet<String> distinct = new HashSet<>();
        for (int i = 0; i < 4; i++) {
            assertThat(distinct.add(picks.get(i).path("mediaId").asText())).isTrue();
        }

        // the dispatcher's own statement, run now, takes the very medium the preview showed for the first slot
        MediaPicker.Routes routes = new MediaPicker.Routes(
                new RouteDecision(Route.MANUAL, "api_disabled"), new RouteDecision(Route.MANUAL, "api_disabled"));
        Optional<MediaPicker.Pick> dispatched =
                transactions.execute(tx -> picker.assign(first, "default", "memes", true, routes));
        assertThat(dispatched).map(MediaPicker.Pick::mediaId).contains(oldest);
        assertThat(third).isNotNull();
        assertThat(fourth).isNotNull();
    }

    @Test
    void a_preview_changes_nothing_no_slot_no_lock_no_outbox_event() throws Exception {
        slot(now.plusSeconds(3600), "memes");
        slot(now.plusSeconds(7200), "merch");
        List<String> slotsBefore = slotRows();
        long outboxBefore = count("outbox");
        long locksBefore = count("media_locks");
        long historyBefore = count("posting_history");

        get("/api/accounts/default/next-picks");
        JsonNode again = get("/api/accounts/default/next-picks");

        assertThat(slotRows()).isEqualTo(slotsBefore);
        assertThat(count("outbox")).isEqualTo(outboxBefore);
        assertThat(count("media_locks")).isEqualTo(locksBefore);
        assertThat(count("posting_history")).isEqualTo(historyBefore);
        // and asking twice gives the same answer, as nothing was taken
        assertThat(again.get(0).path("mediaId").asText()).isEqualTo(oldest.toString());
        assertThat(again.get(1).path("mediaId").asText()).isEqualTo(merch.toString());
    }

    @Test
    void the_limit_is_one_to_fifty_and_a_wrong_one_is_refused_naming_the_field() throws Exception {
        for (int i = 0; i < 3; i++) {
            slot(now.plusSeconds(3600L * (i + 1)), "memes");
        }
        assertThat(get("/api/accounts/default/next-picks?limit=1")).hasSize(1);
        for (String limit : List.of("0", "51", "-3")) {
            HttpResponse<String> response = send("/api/accounts/default/next-picks?limit=" + limit);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
            assertThat(response.body()).contains("limit").contains("1 to 50");
            assertThat(response.body()).doesNotContain("Exception").doesNotContain("java.");
        }
        HttpResponse<String> words = send("/api/accounts/default/next-picks?limit=ten");
        assertThat(words.statusCode()).isEqualTo(400);
        assertThat(words.body()).contains("limit").doesNotContain("Exception").doesNotContain("java.");
        assertThat(send("/api/accounts/nobody/next-picks").statusCode()).isEqualTo(404);
    }

    @Test
    void the_preview_is_in_the_openapi_description() throws Exception {
        HttpResponse<String> docs = send("/v3/api-docs");
        assertThat(docs.body()).contains("/api/accounts/{account}/next-picks").contains("Preview the next picks");
    }

    private List<String> slotRows() {
        return jdbc.sql("select s::text from slots s order by id")
                .query(String.class)
                .list();
    }

    private long count(String table) {
        return jdbc.sql("select count(*) from " + table).query(Long.class).single();
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
                .param(
                        "sha",
                        HexFormat.of().formatHex(new byte[32]).substring(8)
                                + id.toString().substring(0, 8))
                .param("seen", Timestamp.from(firstSeen))
                .update();
        return id;
    }

    private UUID slot(Instant at, String category) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        insert into slots (id, account_id, slot_at, status, category)
                        values (:id, 'default', :at, 'PLANNED', :category)
                        """)
                .param("id", id)
                .param("at", Timestamp.from(at))
                .param("category", category)
                .update();
        return id;
    }

    private JsonNode get(String path) {
        return new AdminApi(port).json(path);
    }

    private HttpResponse<String> send(String path) {
        return new AdminApi(port).send(path);
    }
}
