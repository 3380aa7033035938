package dev.storyline.scheduler.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.storyline.scheduler.AdminApi;
import dev.storyline.scheduler.MediaLibrary;
import dev.storyline.scheduler.SchedulerTest;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code GET /api/waiting} and {@code GET /api/slot-counts}: one call over many accounts, each slot counted on
 * its own account's local date.
 */
@SchedulerTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "storyline.admin.token=test-admin-token")
class AcrossAccountsApiTest {

    @DynamicPropertySource
    static void mediaRoot(DynamicPropertyRegistry registry) {
        registry.add("storyline.scheduler.media-root", MediaLibrary.newRoot()::toString);
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void twoBrandsFarApart() {
        jdbc.sql("delete from posting_history").update();
        jdbc.sql("delete from slots").update();
        jdbc.sql("delete from accounts where id in ('tokyo', 'new-york', 'gone')")
                .update();
        for (String[] account : List.of(
                new String[] {"tokyo", "Asia/Tokyo"},
                new String[] {"new-york", "America/New_York"},
                new String[] {"gone", "UTC"})) {
            jdbc.sql("insert into accounts (id, display_name, timezone) values (:id, :id, :zone)")
                    .param("id", account[0])
                    .param("zone", account[1])
                    .update();
        }
        jdbc.sql("update accounts set deleted_at = now() where id = 'gone'").update();
    }

    @Test
    void lists_the_posts_waiting_for_a_person_of_every_account_oldest_first_or_of_the_accounts_named()
            throws Exception {
        UUID tokyoOld = slot("tokyo", "2026-12-01T01:00:00Z", "MANUAL_PENDING");
        UUID newYork = slot("new-york", "2026-12-01T02:00:00Z", "MANUAL_PENDING");
        UUID tokyoNew = slot("tokyo", "2026-12-01T03:00:00Z", "MANUAL_PENDING");
        slot("tokyo", "2026-12-01T00:30:00Z", "PUBLISHED");
        slot("new-york", "2026-12-01T00:40:00Z", "DISPATCHED");
        slot("gone", "2026-12-01T00:10:00Z", "MANUAL_PENDING");

        assertThat(ids(get("/api/waiting")))
                .containsExactly(tokyoOld.toString(), newYork.toString(), tokyoNew.toString());
        JsonNode first = get("/api/waiting?limit=1").get(0);
        assertThat(first.path("accountId").asText()).isEqualTo("tokyo");
        assertThat(first.path("status").asText()).isEqualTo("MANUAL_PENDING");
        assertThat(ids(get("/api/waiting?account=new-york"))).containsExactly(newYork.toString());
        assertThat(ids(get("/api/waiting?account=new-york&account=tokyo&offset=1")))
                .containsExactly(newYork.toString(), tokyoNew.toString())
                .hasSize(2);
        assertThat(get("/api/waiting?account=nobody")).isEmpty();
    }

    @Test
    void counts_each_slot_on_its_own_accounts_local_date() throws Exception {
        // 2026-12-01 16:00 UTC is 2 December in Tokyo and 1 December in New York
        slot("tokyo", "2026-12-01T16:00:00Z", "PLANNED");
        slot("new-york", "2026-12-01T16:00:00Z", "PLANNED");
        UUID byHand = slot("new-york", "2026-12-01T17:00:00Z", "RESOLVED");
        jdbc.sql("""
                        insert into posting_history (account_id, post_id, status, method, event_id, occurred_at)
                        values ('new-york', :post, 'POSTED_MANUALLY', 'telegram_manual', :event, now())
                        """).param("post", byHand).param("event", UUID.randomUUID()).update();
        // 04:00 UTC on 1 December is still 30 November in New York: outside the range asked for
        slot("new-york", "2026-12-01T04:00:00Z", "PLANNED");
        slot("gone", "2026-12-01T12:00:00Z", "PLANNED");

        JsonNode counts = get("/api/slot-counts?from=2026-12-01&to=2026-12-02");

        assertThat(rows(counts))
                .containsExactly(
                        "2026-12-01|PLANNED||1", "2026-12-01|RESOLVED|POSTED_MANUALLY|1", "2026-12-02|PLANNED||1");
        assertThat(rows(get("/api/slot-counts?from=2026-12-02&to=2026-12-02&account=tokyo")))
                .containsExactly("2026-12-02|PLANNED||1");
        assertThat(rows(get("/api/slot-counts?from=2026-11-30&to=2026-11-30&account=new-york")))
                .containsExactly("2026-11-30|PLANNED||1");
    }

    @Test
    void refuses_a_bad_account_range_or_limit_naming_the_field() throws Exception {
        assertRefused("/api/waiting?account=Tokyo", "account");
        assertRefused("/api/waiting?account=tokyo,Bad", "account");
        assertRefused("/api/waiting?limit=0", "limit");
        assertRefused("/api/waiting?offset=-1", "offset");
        assertRefused("/api/slot-counts?from=2026-12-01", "to");
        assertRefused("/api/slot-counts?from=2026-12-01&to=2027-03-01", "to");
        assertRefused("/api/slot-counts?from=yesterday&to=2026-12-01", "from");
        assertRefused("/api/slot-counts?from=2026-12-01&to=2026-12-02&account=a%20b", "account");
    }

    private void assertRefused(String path, String field) throws Exception {
        HttpResponse<String> response = send(path);
        assertThat(response.statusCode()).as(path).isEqualTo(400);
        assertThat(response.body()).as(path).contains("\"" + field + "\"").doesNotContain("Exception");
    }

    private UUID slot(String account, String at, String status) {
        UUID id = UUID.randomUUID();
        jdbc.sql("insert into slots (id, account_id, slot_at, status) values (:id, :account, :at, :status)")
                .param("id", id)
                .param("account", account)
                .param("at", Timestamp.from(Instant.parse(at)))
                .param("status", status)
                .update();
        return id;
    }

    private static List<String> ids(JsonNode posts) {
        List<String> ids = new ArrayList<>();
        posts.forEach(p -> ids.add(p.path("id").asText()));
        return ids;
    }

    private static List<String> rows(JsonNode counts) {
        List<String> rows = new ArrayList<>();
        counts.forEach(
                c -> rows.add(c.path("date").asText() + "|" + c.path("status").asText() + "|"
                        + (c.path("outcome").isNull() ? "" : c.path("outcome").asText()) + "|"
                        + c.path("slots").asLong()));
        return rows;
    }

    private JsonNode get(String path) {
        return new AdminApi(port).json(path);
    }

    private HttpResponse<String> send(String path) {
        return new AdminApi(port).send(path);
    }
}
