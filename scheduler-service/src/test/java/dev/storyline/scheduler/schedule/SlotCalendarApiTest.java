package dev.storyline.scheduler.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.storyline.scheduler.AdminApi;
import dev.storyline.scheduler.MediaLibrary;
import dev.storyline.scheduler.SchedulerTest;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Instant;
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
 * {@code GET /api/accounts/{id}/slots?from=&to=}: the calendar's listing of every slot between two local dates
 * of the account, with the outcome of finished posts, and refusals that name the field at fault.
 */
@SchedulerTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"storyline.admin.token=test-admin-token", "storyline.account.timezone=Asia/Tokyo"})
class SlotCalendarApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @DynamicPropertySource
    static void mediaRoot(DynamicPropertyRegistry registry) {
        registry.add("storyline.scheduler.media-root", MediaLibrary.newRoot()::toString);
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private final UUID planned = UUID.randomUUID();
    private final UUID postedByHand = UUID.randomUUID();
    private final UUID nextDay = UUID.randomUUID();

    @BeforeEach
    void slots() {
        jdbc.sql("delete from posting_history").update();
        jdbc.sql("delete from slots").update();
        // Tokyo is UTC+9: 2026-06-01T15:30Z is already 00:30 on June 2nd there
        slot(planned, "2026-06-01T01:00:00Z", "PLANNED");
        slot(postedByHand, "2026-06-01T15:30:00Z", "RESOLVED");
        slot(nextDay, "2026-06-08T15:30:00Z", "PLANNED");
        jdbc.sql("""
                        insert into posting_history (account_id, post_id, status, method, posted_by, event_id, occurred_at)
                        values ('default', :post, 'POSTED_MANUALLY', 'telegram_manual', 'mia', :event, now())
                        """)
                .param("post", postedByHand)
                .param("event", UUID.randomUUID())
                .update();
    }

    @Test
    void lists_the_slots_of_the_accounts_local_days_with_the_outcome_of_finished_posts() throws Exception {
        JsonNode slots = get("/api/accounts/default/slots?from=2026-06-01&to=2026-06-07");
        assertThat(slots).hasSize(2);
        assertThat(slots.get(0).path("id").asText()).isEqualTo(planned.toString());
        assertThat(slots.get(0).path("localTime").asText()).isEqualTo("2026-06-01T10:00:00");
        assertThat(slots.get(0).path("status").asText()).isEqualTo("PLANNED");
        assertThat(slots.get(0).path("outcome").isNull()).isTrue();
        assertThat(slots.get(1).path("localTime").asText()).isEqualTo("2026-06-02T00:30:00");
        assertThat(slots.get(1).path("outcome").asText()).isEqualTo("POSTED_MANUALLY");
        assertThat(slots.get(1).path("outcomeBy").asText()).isEqualTo("mia");

        // both dates are included: the Tuesday 00:30 local of the next week is on "to"
        assertThat(get("/api/accounts/default/slots?from=2026-06-09&to=2026-06-09"))
                .hasSize(1);
    }

    @Test
    void refuses_a_date_that_is_not_iso_naming_the_field() throws Exception {
        assertProblem("/api/accounts/default/slots?from=01.06.2026&to=2026-06-07", "from", "ISO date");
        assertProblem("/api/accounts/default/slots?from=2026-06-01", "to", "ISO date");
    }

    @Test
    void refuses_a_range_longer_than_62_days_or_ending_before_it_starts() throws Exception {
        // 61 days between from and to: the longest range allowed
        assertThat(get("/api/accounts/default/slots?from=2026-06-01&to=2026-08-01"))
                .hasSize(3);
        assertProblem("/api/accounts/default/slots?from=2026-06-01&to=2026-08-02", "to", "at most 62 days");
        assertProblem("/api/accounts/default/slots?from=2026-06-07&to=2026-06-01", "to", "on or after from");
    }

    @Test
    void an_unknown_account_is_not_found() throws Exception {
        HttpResponse<String> response = send("/api/accounts/nobody/slots?from=2026-06-01&to=2026-06-07");
        assertThat(response.statusCode()).isEqualTo(404);
    }

    private void slot(UUID id, String at, String status) {
        jdbc.sql(
                        "insert into slots (id, account_id, slot_at, status, category) values (:id, 'default', :at, :status, 'memes')")
                .param("id", id)
                .param("at", Timestamp.from(Instant.parse(at)))
                .param("status", status)
                .update();
    }

    private void assertProblem(String path, String field, String allowedPart) throws Exception {
        HttpResponse<String> response = send(path);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.path("errors")).anySatisfy(e -> {
            assertThat(e.path("field").asText()).isEqualTo(field);
            assertThat(e.path("allowed").asText()).contains(allowedPart);
        });
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("java.");
    }

    private JsonNode get(String path) {
        return new AdminApi(port).json(path);
    }

    private HttpResponse<String> send(String path) {
        return new AdminApi(port).send(path);
    }
}
