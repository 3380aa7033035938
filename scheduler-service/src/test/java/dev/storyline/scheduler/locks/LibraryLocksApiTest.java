package dev.storyline.scheduler.locks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.storyline.scheduler.AdminApi;
import dev.storyline.scheduler.MediaLibrary;
import dev.storyline.scheduler.SchedulerTest;
import dev.storyline.scheduler.Slots;
import dev.storyline.scheduler.schedule.MediaPicker;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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

/**
 * {@code POST /api/accounts/{id}/media/{media}/reject} and {@code .../unlock}: an operator keeps a medium out of
 * every future pick for good, or makes it pickable again, without a post; both may be repeated.
 */
@SchedulerTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "storyline.admin.token=test-admin-token")
class LibraryLocksApiTest {

    private static final String MEDIA = "/api/accounts/default/media/";

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

    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private UUID first;
    private UUID second;

    @BeforeEach
    void library() {
        jdbc.sql("delete from posting_history").update();
        jdbc.sql("delete from media_locks").update();
        jdbc.sql("delete from slots").update();
        jdbc.sql("delete from media_items").update();
        jdbc.sql("insert into accounts (id, display_name) values ('other', 'Other') on conflict do nothing")
                .update();
        // never posted: the one seen first is picked first
        first = media("default", "memes/a.jpg", now.minusSeconds(2000));
        second = media("default", "memes/b.jpg", now.minusSeconds(1000));
    }

    @Test
    void a_rejected_medium_is_never_picked_again_and_the_list_says_who_rejected_it_and_why() throws Exception {
        assertThat(pick()).contains(first);

        JsonNode answer = post(MEDIA + first + "/reject", "{\"by\":\"ann@brand.com\",\"reason\":\"off-brand\"}");

        assertThat(answer.path("media").path("id").asText()).isEqualTo(first.toString());
        assertThat(answer.path("media").path("rejected").asBoolean()).isTrue();
        assertThat(answer.path("media").path("locked").asBoolean()).isTrue();
        assertThat(answer.path("media").path("lockedUntil").asText()).startsWith("9999-12-31");
        assertThat(answer.path("media").path("rejectedBy").asText()).isEqualTo("ann@brand.com");
        assertThat(answer.path("media").path("rejectionReason").asText()).isEqualTo("off-brand");
        assertThat(answer.path("inFlightPostId").isNull()).isTrue();
        assertThat(pick()).contains(second);
        slot(now.plusSeconds(3600));
        slot(now.plusSeconds(7200));
        JsonNode preview = get("/api/accounts/default/next-picks");
        assertThat(preview.get(0).path("mediaId").asText()).isEqualTo(second.toString());
        assertThat(preview.get(1).path("mediaId").isNull()).isTrue();

        JsonNode rejected = get("/api/accounts/default/media?rejected=true");
        assertThat(rejected).hasSize(1);
        assertThat(rejected.get(0).path("id").asText()).isEqualTo(first.toString());
        assertThat(get("/api/accounts/default/media?rejected=false")).hasSize(1);
        assertThat(get("/api/accounts/default/media?locked=true")).hasSize(1);
        JsonNode locks = get("/api/accounts/default/locks");
        assertThat(locks.get(0).path("reason").asText()).isEqualTo("REJECTED");
        assertThat(locks.get(0).path("permanent").asBoolean()).isTrue();
        assertThat(locks.get(0).path("lockedBy").asText()).isEqualTo("ann@brand.com");
    }

    @Test
    void rejecting_twice_answers_the_same_and_keeps_the_first_who_and_why() throws Exception {
        JsonNode once = post(MEDIA + first + "/reject", "{\"by\":\"ann\",\"reason\":\"off-brand\"}");
        JsonNode twice = post(MEDIA + first + "/reject", "{\"by\":\"bob\",\"reason\":\"something else\"}");

        assertThat(twice).isEqualTo(once);
        assertThat(count("select count(*) from media_locks where media_id = '" + first + "'"))
                .isEqualTo(1);
    }

    @Test
    void a_medium_rejected_in_telegram_is_already_rejected_and_names_who_pressed_reject() throws Exception {
        UUID post = UUID.randomUUID();
        jdbc.sql("""
                        insert into media_locks (account_id, media_id, reason, locked_until, post_id)
                        values ('default', :m, 'REJECTED', timestamptz '9999-12-31 00:00:00+00', :p)
                        """).param("m", first).param("p", post).update();
        jdbc.sql("""
                        insert into posting_history (account_id, post_id, media_id, status, method, posted_by, event_id,
                                                     occurred_at)
                        values ('default', :p, :m, 'REJECTED', 'telegram_manual', '@carol', gen_random_uuid(), now())
                        """).param("m", first).param("p", post).update();

        JsonNode answer = post(MEDIA + first + "/reject", "{\"by\":\"ann\"}");

        assertThat(answer.path("media").path("rejected").asBoolean()).isTrue();
        assertThat(answer.path("media").path("rejectedBy").asText()).isEqualTo("@carol");
        assertThat(count("select count(*) from media_locks where media_id = '" + first + "'"))
                .isEqualTo(1);
    }

    @Test
    void unlock_lifts_a_rejection_and_a_cool_down_so_the_medium_is_picked_again_and_may_be_repeated() throws Exception {
        post(MEDIA + first + "/reject", "{\"by\":\"ann\"}");
        jdbc.sql("""
                        insert into media_locks (account_id, media_id, reason, locked_until, post_id)
                        values ('default', :m, 'POSTED', now() + interval '30 days', gen_random_uuid())
                        """).param("m", first).update();
        assertThat(pick()).contains(second);

        JsonNode unlocked = post(MEDIA + first + "/unlock", "{\"by\":\"ann\"}");

        assertThat(unlocked.path("media").path("locked").asBoolean()).isFalse();
        assertThat(unlocked.path("media").path("rejected").asBoolean()).isFalse();
        assertThat(unlocked.path("media").path("lockedUntil").isNull()).isTrue();
        assertThat(pick()).contains(first);
        assertThat(count("select count(*) from media_locks")).isZero();
        // again, and with no body at all: nothing left to lift, the same answer
        assertThat(post(MEDIA + first + "/unlock", "{\"by\":\"ann\"}")).isEqualTo(unlocked);
        assertThat(send("POST", MEDIA + first + "/unlock", null).statusCode()).isEqualTo(200);
        // and a medium unlocked after a rejection may be rejected again
        assertThat(post(MEDIA + first + "/reject", "{\"by\":\"bob\"}")
                        .path("media")
                        .path("rejectedBy")
                        .asText())
                .isEqualTo("bob");
    }

    @Test
    void a_medium_in_flight_stays_on_its_post_and_the_answer_names_that_post() throws Exception {
        UUID post = UUID.randomUUID();
        jdbc.sql("""
                        insert into slots (id, account_id, slot_at, status, media_id, dispatched_at)
                        values (:id, 'default', now(), 'MANUAL_PENDING', :m, now())
                        """).param("id", post).param("m", first).update();

        JsonNode answer = post(MEDIA + first + "/reject", "{\"by\":\"ann\"}");

        assertThat(answer.path("inFlightPostId").asText()).isEqualTo(post.toString());
        assertThat(jdbc.sql("select status || ':' || media_id from slots where id = :id")
                        .param("id", post)
                        .query(String.class)
                        .single())
                .isEqualTo("MANUAL_PENDING:" + first);
    }

    @Test
    void another_accounts_medium_an_unknown_one_and_an_unknown_account_are_404() throws Exception {
        UUID theirs = media("other", "memes/theirs.jpg", now);
        for (String path : List.of(
                MEDIA + theirs + "/reject",
                MEDIA + UUID.randomUUID() + "/reject",
                "/api/accounts/nobody/media/" + first + "/reject",
                MEDIA + theirs + "/unlock",
                "/api/accounts/nobody/media/" + first + "/unlock")) {
            HttpResponse<String> response = send("POST", path, "{\"by\":\"ann\"}");
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(response.body()).doesNotContain("Exception").doesNotContain("java.");
        }
        assertThat(count("select count(*) from media_locks")).isZero();
        assertThat(send("GET", MEDIA + theirs, null).statusCode()).isEqualTo(404);
        assertThat(get(MEDIA + first).path("path").asText()).isEqualTo("memes/a.jpg");
    }

    @Test
    void bad_ids_and_bodies_are_refused_naming_the_field() throws Exception {
        for (String id : List.of("not-a-uuid", "12345", "A" + first.toString().substring(1) + "0")) {
            HttpResponse<String> response = send("POST", MEDIA + id + "/reject", "{\"by\":\"ann\"}");
            assertThat(response.statusCode()).as(id).isEqualTo(400);
            assertThat(response.body())
                    .contains("media")
                    .doesNotContain("Exception")
                    .doesNotContain("java.");
            assertThat(send("GET", MEDIA + id, null).statusCode()).isEqualTo(400);
        }
        HttpResponse<String> noBy = send("POST", MEDIA + first + "/reject", "{\"reason\":\"x\"}");
        assertThat(noBy.statusCode()).isEqualTo(400);
        assertThat(noBy.body()).contains("by").contains("1 to 100 characters");
        HttpResponse<String> noBody = send("POST", MEDIA + first + "/reject", null);
        assertThat(noBody.statusCode()).isEqualTo(400);
        HttpResponse<String> longReason =
                send("POST", MEDIA + first + "/reject", "{\"by\":\"ann\",\"reason\":\"" + "x".repeat(501) + "\"}");
        assertThat(longReason.statusCode()).isEqualTo(400);
        assertThat(longReason.body()).contains("reason").contains("at most 500 characters");
        HttpResponse<String> unknownField =
                send("POST", MEDIA + first + "/reject", "{\"by\":\"ann\",\"forever\":true}");
        assertThat(unknownField.statusCode()).isEqualTo(400);
        assertThat(unknownField.body()).contains("forever");
        HttpResponse<String> longBy = send("POST", MEDIA + first + "/unlock", "{\"by\":\"" + "x".repeat(101) + "\"}");
        assertThat(longBy.statusCode()).isEqualTo(400);
        assertThat(longBy.body()).contains("by");
        assertThat(count("select count(*) from media_locks")).isZero();
        // a reason of 500 characters is fine
        assertThat(send("POST", MEDIA + first + "/reject", "{\"by\":\"ann\",\"reason\":\"" + "x".repeat(500) + "\"}")
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void reject_and_unlock_are_in_the_openapi_description() throws Exception {
        String docs = send("GET", "/v3/api-docs", null).body();
        assertThat(docs)
                .contains("/api/accounts/{account}/media/{media}/reject")
                .contains("/api/accounts/{account}/media/{media}/unlock")
                .contains("Reject a medium for good")
                .contains("Unlock a medium");
    }

    private Optional<UUID> pick() {
        return picker.pick("default", null).map(MediaPicker.Pick::mediaId);
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    private UUID media(String account, String path, Instant firstSeen) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        insert into media_items (id, account_id, path, category, sha256, mime_type, size_bytes, valid,
                                                 first_seen_at)
                        values (:id, :account, :path, 'memes', encode(sha256(cast(:id as text)::bytea), 'hex'),
                                'image/jpeg', 1000, true, :seen)
                        """)
                .param("id", id)
                .param("account", account)
                .param("path", path)
                .param("seen", Timestamp.from(firstSeen))
                .update();
        return id;
    }

    private void slot(Instant at) {
        new Slots(jdbc).planned("default", at);
    }

    private JsonNode get(String path) {
        return new AdminApi(port).json(path);
    }

    private JsonNode post(String path, String body) {
        return new AdminApi(port).json("POST", path, body);
    }

    private HttpResponse<String> send(String method, String path, String body) {
        return new AdminApi(port).send(method, path, body);
    }
}
