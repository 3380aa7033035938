package dev.storyline.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.storyline.scheduler.outcomes.ManualResolutions;
import dev.storyline.scheduler.schedule.Dispatcher;
import java.awt.Color;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Hostile and careless input against the real admin API: every refusal is RFC 9457 problem details that
 * names the field, what was given and what is allowed, and never a Java class or a stack trace.
 */
@SchedulerTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "storyline.admin.token=test-admin-token")
class AdminApiProblemsTest {

    private static final Path MEDIA_ROOT = MediaLibrary.newRoot();

    static {
        MediaFiles.storyJpeg(MEDIA_ROOT.resolve("memes/a.jpg"), Color.RED);
        MediaFiles.storyJpeg(MEDIA_ROOT.resolve("merch/b.jpg"), Color.BLUE);
        MediaFiles.storyJpeg(MEDIA_ROOT.resolve("osaka/food/c.jpg"), Color.GREEN);
        MediaFiles.storyJpeg(MEDIA_ROOT.resolve("kyoto/d.jpg"), Color.YELLOW);
    }

    @DynamicPropertySource
    static void mediaRoot(DynamicPropertyRegistry registry) {
        registry.add("storyline.scheduler.media-root", MEDIA_ROOT::toString);
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Dispatcher dispatcher;

    @Autowired
    ManualResolutions resolutions;

    record Answer(int status, String contentType, String body) {
        JsonNode json() {
            return AdminApi.parse(body);
        }

        /** The shape every refusal has, and what it must never contain. */
        Answer isProblem(int expected) {
            assertThat(status).as(body).isEqualTo(expected);
            assertThat(contentType).startsWith("application/problem+json");
            assertThat(json().path("detail").asText()).isNotBlank();
            assertThat(body)
                    .doesNotContainPattern("(java|jakarta|com\\.fasterxml|org\\.spring|dev\\.storyline)\\.[a-z]")
                    .doesNotContain("Exception")
                    .doesNotContain("\tat ");
            return this;
        }

        Answer names(String field, String allowedPart) {
            JsonNode errors = json().path("errors");
            assertThat(errors.isArray()).as(body).isTrue();
            assertThat(errors).as(body).anySatisfy(e -> {
                assertThat(e.path("field").asText()).isEqualTo(field);
                assertThat(e.path("allowed").asText()).contains(allowedPart);
            });
            return this;
        }
    }

    private Answer call(String method, String path, String body) {
        HttpResponse<String> response = new AdminApi(port).send(method, path, body);
        return new Answer(
                response.statusCode(),
                response.headers().firstValue("Content-Type").orElse(""),
                response.body());
    }

    private static String account(String id, String extra) {
        return "{\"id\":\"" + id + "\",\"mediaSubdir\":\"" + id + "\",\"createFolder\":true" + extra + "}";
    }

    @BeforeEach
    void indexed() {
        call("POST", "/api/accounts/default/media/index", null);
    }

    @Test
    void malformed_empty_and_wrongly_typed_json_are_explained() {
        call("POST", "/api/accounts", "{\"id\": \"x\",").isProblem(400);
        assertThat(call("POST", "/api/accounts", "{\"id\": \"x\",")
                        .json()
                        .path("detail")
                        .asText())
                .contains("not valid JSON");
        assertThat(call("POST", "/api/accounts", null)
                        .isProblem(400)
                        .json()
                        .path("detail")
                        .asText())
                .contains("needs a JSON body");
        call("POST", "/api/accounts", account("typed", ",\"postsPerDay\":\"many\""))
                .isProblem(400)
                .names("postsPerDay", "a whole number");
        call("POST", "/api/accounts", account("typo", ",\"postsPerDy\":3"))
                .isProblem(400)
                .names("postsPerDy", "postsPerDay");
        call("PUT", "/api/accounts/default/category-mix", "[1,2]").isProblem(400);
    }

    @Test
    void an_unknown_enum_value_names_the_allowed_ones() {
        call("POST", "/api/accounts/default/resume?overdue=bogus", null)
                .isProblem(400)
                .names("overdue", "drop")
                .names("overdue", "reschedule")
                .names("overdue", "force");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/api/accounts/default/history",
                "/api/accounts/default/queue",
                "/api/accounts/default/media",
                "/api/accounts/default/media/errors",
                "/api/accounts/default/locks",
                "/api/accounts/default/stuck",
                "/api/waiting"
            })
    void every_paged_list_refuses_a_negative_or_huge_limit_with_the_allowed_range(String base) {
        call("GET", base + "?limit=-5", null).isProblem(400).names("limit", "1 to 500");
        call("GET", base + "?limit=99999999999", null).isProblem(400).names("limit", "1 to 500");
        call("GET", base + "?limit=abc", null).isProblem(400).names("limit", "1 to 500");
        call("GET", base + "?offset=-1", null).isProblem(400).names("offset", "0 to 1000000");
        assertThat(call("GET", base + "?limit=1&offset=0", null).status()).isEqualTo(200);
        // the whole answer, the same on every list
        assertRefusal(call("GET", base + "?limit=0", null), "limit", "0", "a whole number from 1 to 500");
        assertRefusal(call("GET", base + "?limit=501", null), "limit", "501", "a whole number from 1 to 500");
        assertRefusal(call("GET", base + "?limit=abc", null), "limit", "abc", "a whole number from 1 to 500");
        assertRefusal(call("GET", base + "?offset=-1", null), "offset", "-1", "a whole number from 0 to 1000000");
        assertRefusal(
                call("GET", base + "?offset=1000001", null), "offset", "1000001", "a whole number from 0 to 1000000");
        assertRefusal(call("GET", base + "?limit=1&offset=x", null), "offset", "x", "a whole number from 0 to 1000000");
    }

    @Test
    void every_paged_list_documents_its_default_limit_and_the_allowed_range() {
        JsonNode paths = call("GET", "/v3/api-docs", null).json().path("paths");
        Map<String, Integer> defaultLimits = Map.of(
                "/api/accounts/{account}/history", 50,
                "/api/accounts/{account}/queue", 50,
                "/api/accounts/{account}/stuck", 50,
                "/api/accounts/{account}/media", 100,
                "/api/accounts/{account}/media/errors", 100,
                "/api/accounts/{account}/locks", 100,
                "/api/waiting", 100);
        defaultLimits.forEach((path, defaultLimit) -> {
            JsonNode parameters = paths.path(path).path("get").path("parameters");
            assertThat(schemaOf(parameters, "limit").toString())
                    .as(path)
                    .isEqualTo("{\"type\":\"integer\",\"format\":\"int32\",\"default\":" + defaultLimit
                            + ",\"maximum\":500,\"minimum\":1}");
            assertThat(schemaOf(parameters, "offset").toString())
                    .as(path)
                    .isEqualTo("{\"type\":\"integer\",\"format\":\"int32\",\"default\":0,\"maximum\":1000000,"
                            + "\"minimum\":0}");
        });
    }

    private static JsonNode schemaOf(JsonNode parameters, String name) {
        for (JsonNode parameter : parameters) {
            if (parameter.path("name").asText().equals(name)) {
                return parameter.path("schema");
            }
        }
        throw new AssertionError("no parameter " + name + " in " + parameters);
    }

    /** The whole answer to one wrong paging parameter: one sentence, one field. */
    private static void assertRefusal(Answer answer, String field, String given, String allowed) {
        answer.isProblem(400);
        assertThat(answer.json().path("detail").asText())
                .isEqualTo(field + " '" + given + "' is not allowed; allowed: " + allowed);
        assertThat(answer.json().path("errors").toString())
                .isEqualTo(
                        "[{\"field\":\"" + field + "\",\"given\":\"" + given + "\",\"allowed\":\"" + allowed + "\"}]");
    }

    @Test
    void a_refused_mix_names_each_field_at_fault_so_a_form_can_show_it_next_to_the_input() {
        String mix = "/api/accounts/default/category-mix";
        call("PUT", mix, "{\"ratios\":{\"memes\":60,\"merch\":30},\"changedBy\":\"ann\"}")
                .isProblem(400)
                .names("ratios", "sum to 100");
        Answer unknown = call("PUT", mix, "{\"ratios\":{\"memes\":50,\"pets\":25,\"cars\":25},\"changedBy\":\"ann\"}")
                .isProblem(400)
                .names("ratios.pets", "a category of the library: ")
                .names("ratios.cars", "memes");
        assertThat(unknown.json().path("detail").asText())
                .contains("unknown category 'cars'")
                .contains("unknown category 'pets'");
        call("PUT", mix, "{\"ratios\":{\"memes\":100,\"merch\":0},\"changedBy\":\"ann\"}")
                .isProblem(400)
                .names("ratios.merch", "above 0");
        call("PUT", mix, "{\"ratios\":{\"memes\":100},\"changedBy\":\" \"}")
                .isProblem(400)
                .names("changedBy", "1 to 100 characters");
        call("PUT", mix, "{\"ratios\":{},\"changedBy\":\"ann\"}").isProblem(400).names("ratios", "at least one");
    }

    @Test
    void schedule_days_out_of_range_are_refused() {
        call("POST", "/api/accounts/default/schedule?days=0", null)
                .isProblem(400)
                .names("days", "1 to 90");
        call("POST", "/api/accounts/default/schedule?days=1000", null)
                .isProblem(400)
                .names("days", "1 to 90");
    }

    @Test
    void booleans_are_on_off_true_false_in_any_case_and_nothing_else() {
        call("POST", "/api/accounts", account("switchy", ",\"instagramUserId\":\"1784\""))
                .status();
        call("PUT", "/api/accounts/switchy/api", "{\"enabled\":\"maybe\"}")
                .isProblem(400)
                .names("enabled", "on, off, true or false");
        call("PUT", "/api/accounts/switchy/api", "{}").isProblem(400).names("enabled", "on, off");
        assertThat(call("PUT", "/api/accounts/switchy/api", "{\"enabled\":\"ON\"}")
                        .json()
                        .path("apiEnabled")
                        .asBoolean())
                .isTrue();
        assertThat(call("PUT", "/api/accounts/switchy/api", "{\"enabled\":\"Off\"}")
                        .json()
                        .path("apiEnabled")
                        .asBoolean())
                .isFalse();
        assertThat(call("PUT", "/api/accounts/switchy/api", "{\"enabled\":true}")
                        .json()
                        .path("apiEnabled")
                        .asBoolean())
                .isTrue();
        call("GET", "/api/accounts/default/media?valid=maybe", null)
                .isProblem(400)
                .names("valid", "true or false");
        call("POST", "/api/accounts", account("flaggy", ",\"dryRun\":\"perhaps\""))
                .isProblem(400)
                .names("dryRun", "on, off");
    }

    @Test
    void a_time_zone_must_be_an_iana_zone_not_an_offset() {
        call("POST", "/api/accounts", account("offset", ",\"timezone\":\"+09:00\""))
                .isProblem(400)
                .names("timezone", "IANA time zone");
        call("POST", "/api/accounts", account("nowhere", ",\"timezone\":\"Mars/Olympus\""))
                .isProblem(400)
                .names("timezone", "IANA");
        assertThat(call("POST", "/api/accounts", account("tokyo-tz", ",\"timezone\":\"Asia/Tokyo\""))
                        .status())
                .isEqualTo(201);
    }

    @Test
    void a_window_of_no_hours_or_out_of_range_hours_is_refused() {
        call("POST", "/api/accounts", account("fivefive", ",\"windowStartHour\":5,\"windowEndHour\":5"))
                .isProblem(400)
                .names("window", "0-24");
        call("POST", "/api/accounts", account("late", ",\"windowStartHour\":24,\"windowEndHour\":5"))
                .isProblem(400)
                .names("windowStartHour", "0 to 23");
        assertThat(call("POST", "/api/accounts", account("allday", ",\"windowStartHour\":0,\"windowEndHour\":24"))
                        .status())
                .isEqualTo(201);
    }

    @Test
    void zero_posts_a_day_is_allowed_with_a_warning_and_post_next_says_when_nothing_can_be_posted() {
        Answer added = call("POST", "/api/accounts", account("quiet", ",\"postsPerDay\":0"));
        assertThat(added.status()).isEqualTo(201);
        assertThat(added.json().path("warnings").toString()).contains("no slots are planned");
        Answer next = call("POST", "/api/accounts/quiet/post-next", null).isProblem(409);
        assertThat(next.json().path("detail").asText()).contains("nothing to post for 'quiet'");
        assertThat(jdbc.sql("select count(*) from slots where account_id = 'quiet'")
                        .query(Integer.class)
                        .single())
                .isZero();
    }

    @Test
    void more_posts_an_hour_than_instagram_worker_publishes_is_warned_about_with_where_the_rest_go() {
        Answer added = call(
                "POST",
                "/api/accounts",
                account(
                        "busy",
                        ",\"instagramUserId\":\"1784\",\"apiEnabled\":true,\"postsPerDay\":100,\"windowStartHour\":9,\"windowEndHour\":10"));
        assertThat(added.status()).as(added.body()).isEqualTo(201);
        assertThat(added.json().path("warnings").toString())
                .contains("100 posts in a 1 h window")
                .contains("at most 10 an hour")
                .contains("Telegram");
    }

    @Test
    void a_missing_media_folder_is_refused_unless_it_is_to_be_created() {
        Answer refused = call("POST", "/api/accounts", "{\"id\":\"ghost\",\"mediaSubdir\":\"ghost\"}")
                .isProblem(400)
                .names("mediaSubdir", "createFolder");
        assertThat(refused.json().path("detail").asText()).contains("kyoto").contains("memes");
        assertThat(call("POST", "/api/accounts", "{\"id\":\"ghost\",\"mediaSubdir\":\"ghost\",\"createFolder\":\"on\"}")
                        .status())
                .isEqualTo(201);
        assertThat(MEDIA_ROOT.resolve("ghost")).isDirectory();
        call("POST", "/api/accounts", "{\"id\":\"escape\",\"mediaSubdir\":\"../etc\"}")
                .isProblem(400)
                .names("mediaSubdir", "no /");
    }

    @Test
    void overlong_names_and_folders_are_refused_without_echoing_them_whole() {
        String huge = "x".repeat(5000);
        Answer name = call("POST", "/api/accounts", account("longname", ",\"displayName\":\"" + huge + "\""))
                .isProblem(400)
                .names("displayName", "1 to 100 characters");
        assertThat(name.body().length()).isLessThan(2000);
        call("POST", "/api/accounts", "{\"id\":\"longdir\",\"mediaSubdir\":\"" + huge + "\"}")
                .isProblem(400)
                .names("mediaSubdir", "64 characters");
        call("POST", "/api/accounts", "{\"id\":\"" + huge + "\"}")
                .isProblem(400)
                .names("id", "lower-case");
    }

    @Test
    void a_folder_belongs_to_one_account_and_the_root_account_leaves_it_alone() {
        assertThat(call("GET", "/api/accounts/default/media", null).body()).contains("osaka/food/c.jpg");
        Answer osaka = call("POST", "/api/accounts", "{\"id\":\"osaka\",\"mediaSubdir\":\"osaka\"}");
        assertThat(osaka.status()).isEqualTo(201);
        assertThat(osaka.json().path("mediaFolder").asText()).isEqualTo("osaka/");
        assertThat(call("GET", "/api/accounts/osaka/media", null).body())
                .as("indexed at once")
                .contains("osaka/food/c.jpg");
        assertThat(call("GET", "/api/accounts/default/media?active=true", null).body())
                .as("no longer the default's")
                .doesNotContain("osaka/food/c.jpg")
                .contains("memes/a.jpg");
        assertThat(call("GET", "/api/accounts/default", null)
                        .json()
                        .path("mediaFolder")
                        .asText())
                .contains("except")
                .contains("osaka/");
        call("POST", "/api/accounts", "{\"id\":\"osaka2\",\"mediaSubdir\":\"osaka\"}")
                .isProblem(409);
        call("POST", "/api/accounts", "{\"id\":\"rooty\",\"mediaSubdir\":\"\"}").isProblem(409);
    }

    @Test
    void a_file_directly_in_an_accounts_folder_gets_advice_about_that_folder() {
        call("POST", "/api/accounts", "{\"id\":\"kyoto\",\"mediaSubdir\":\"kyoto\"}");
        JsonNode errors =
                call("POST", "/api/accounts/kyoto/media/index", null).json().path("errors");
        assertThat(errors.toString())
                .contains("directly in the account's folder kyoto/")
                .contains("kyoto/<category>/d.jpg");
    }

    @Test
    void an_account_is_changed_with_patch_and_its_undispatched_days_are_planned_again() {
        String zone = call(
                        "POST",
                        "/api/accounts",
                        account("patchy", ",\"postsPerDay\":4,\"windowStartHour\":0,\"windowEndHour\":24"))
                .json()
                .path("timezone")
                .asText();
        // Tomorrow by the account's own calendar: a count relative to now() is empty late in the evening.
        int before = jdbc.sql("""
                        select count(*) from slots where account_id = 'patchy'
                          and cast(slot_at at time zone :zone as date) = cast(now() at time zone :zone as date) + 1
                        """).param("zone", zone).query(Integer.class).single();
        assertThat(before).as("tomorrow planned with 4 posts in " + zone).isEqualTo(4);
        Answer changed = call("PATCH", "/api/accounts/patchy", "{\"postsPerDay\": 8, \"timezone\": \"Europe/Berlin\"}");
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        assertThat(changed.json().path("timezone").asText()).isEqualTo("Europe/Berlin");
        int tomorrow = jdbc.sql("""
                        select count(*) from slots where account_id = 'patchy'
                          and cast(slot_at at time zone 'Europe/Berlin' as date) = cast(now() at time zone 'Europe/Berlin' as date) + 1
                        """).query(Integer.class).single();
        assertThat(tomorrow).as("tomorrow planned again with 8 posts").isEqualTo(8);
        call("PATCH", "/api/accounts/patchy", "{\"timezone\": \"+01:00\"}")
                .isProblem(400)
                .names("timezone", "IANA");
        call("PATCH", "/api/accounts/nobody", "{\"postsPerDay\": 1}").isProblem(404);
    }

    @Test
    void an_account_with_posts_in_flight_is_removed_only_with_force_and_its_history_stays() {
        call("POST", "/api/accounts", "{\"id\":\"osaka-del\",\"mediaSubdir\":\"osaka-del\",\"createFolder\":true}");
        MediaFiles.storyJpeg(MEDIA_ROOT.resolve("osaka-del/food/e.jpg"), Color.MAGENTA);
        call("POST", "/api/accounts/osaka-del/media/index", null);
        String post = call("POST", "/api/accounts/osaka-del/post-next", null)
                .json()
                .path("postId")
                .asText();
        dispatcher.dispatchDue();

        Answer refused = call("DELETE", "/api/accounts/osaka-del", null).isProblem(409);
        assertThat(refused.json().path("detail").asText())
                .contains("1 post(s) in flight")
                .contains(post);
        assertThat(call("DELETE", "/api/accounts/osaka-del?force=maybe", null).status())
                .isEqualTo(400);
        assertThat(call("DELETE", "/api/accounts/osaka-del?force=true", null).status())
                .isEqualTo(200);
        call("GET", "/api/accounts/osaka-del", null).isProblem(404);
        assertThat(call("GET", "/api/accounts", null).json().findValuesAsText("id"))
                .doesNotContain("osaka-del");
        assertThat(jdbc.sql("select count(*) from slots where account_id = 'osaka-del'")
                        .query(Integer.class)
                        .single())
                .as("the post in flight and its row stay")
                .isEqualTo(1);
    }

    @Test
    void an_operator_resolves_a_post_in_flight_and_the_first_decision_wins() {
        String post = call("POST", "/api/accounts/default/post-next", null)
                .json()
                .path("postId")
                .asText();
        dispatcher.dispatchDue();
        call("POST", "/api/accounts/default/posts/" + post + "/resolve", "{\"action\":\"maybe\",\"by\":\"ann\"}")
                .isProblem(400)
                .names("action", "posted, skipped or rejected");
        Answer done = call(
                "POST", "/api/accounts/default/posts/" + post + "/resolve", "{\"action\":\"Skipped\",\"by\":\"ann\"}");
        assertThat(done.status()).as(done.body()).isEqualTo(200);
        Answer second = call(
                        "POST",
                        "/api/accounts/default/posts/" + post + "/resolve",
                        "{\"action\":\"posted\",\"by\":\"bob\"}")
                .isProblem(409);
        assertThat(second.json().path("detail").asText()).contains("first one counts");
        assertThat(call("GET", "/api/accounts/default/history", null).body())
                .contains("\"postedBy\":\"ann\"")
                .contains("SKIPPED")
                .doesNotContain("\"postedBy\":\"bob\"");
        assertThat(jdbc.sql("select count(*) from outbox where event_type = 'ManualPostResolved'")
                        .query(Integer.class)
                        .single())
                .as("the decision travels like a Telegram tap")
                .isPositive();
        call(
                        "POST",
                        "/api/accounts/default/posts/" + UUID.randomUUID() + "/resolve",
                        "{\"action\":\"posted\",\"by\":\"ann\"}")
                .isProblem(404);
        call("POST", "/api/accounts/default/posts/not-a-uuid/resolve", "{\"action\":\"posted\",\"by\":\"ann\"}")
                .isProblem(400)
                .names("post", "UUID");
    }

    @Test
    void a_resolution_says_who_decided_and_through_which_face_in_its_event() {
        String post = call("POST", "/api/accounts/default/post-next", null)
                .json()
                .path("postId")
                .asText();
        dispatcher.dispatchDue();
        call(
                        "POST",
                        "/api/accounts/default/posts/" + post + "/resolve",
                        "{\"action\":\"posted\",\"by\":\"ana@brand.com\",\"via\":\"telegram\"}")
                .isProblem(400)
                .names("via", "web-console, cli or admin-api");
        Answer done = call(
                "POST",
                "/api/accounts/default/posts/" + post + "/resolve",
                "{\"action\":\"posted\",\"by\":\"ana@brand.com\",\"via\":\"Web-Console\"}");
        assertThat(done.status()).as(done.body()).isEqualTo(200);
        assertThat(done.json().path("via").asText()).isEqualTo("web-console");
        String payload = jdbc.sql("select body from outbox where event_type = 'ManualPostResolved' and post_id = :p")
                .param("p", UUID.fromString(post))
                .query(String.class)
                .single();
        assertThat(payload).contains("\"by\":\"ana@brand.com\"").contains("\"via\":\"web-console\"");
    }

    @Test
    void dry_run_resolves_a_manual_post_nobody_can_tap_after_the_delay() {
        String post = call("POST", "/api/accounts/default/post-next", null)
                .json()
                .path("postId")
                .asText();
        dispatcher.dispatchDue();
        assertThat(statusOf(post)).isEqualTo("MANUAL_PENDING");
        assertThat(resolutions.resolveDryRunManualPosts(Duration.ofHours(1)))
                .as("not yet")
                .isZero();
        assertThat(resolutions.resolveDryRunManualPosts(Duration.ZERO)).isPositive();
        assertThat(statusOf(post)).isEqualTo("RESOLVED");
        assertThat(call("GET", "/api/accounts/default/history", null).body()).contains("\"postedBy\":\"dry-run\"");
    }

    @Test
    void empty_and_missed_slots_show_in_queue_history_and_stats_with_their_reason() {
        UUID missed = UUID.randomUUID();
        jdbc.sql(
                        "insert into slots (id, account_id, slot_at, status) values (:id, 'default', now() - interval '1 hour', 'PLANNED')")
                .param("id", missed)
                .update();
        dispatcher.dispatchDue();
        assertThat(statusOf(missed.toString())).isEqualTo("MISSED");
        assertThat(call("GET", "/api/accounts/default/queue", null).body())
                .contains(missed.toString())
                .contains("not posted late");
        assertThat(call("GET", "/api/accounts/default/history", null).body())
                .contains(missed.toString())
                .contains("MISSED");
        assertThat(call("GET", "/api/accounts/default/stats", null)
                        .json()
                        .path("missed")
                        .asInt())
                .isPositive();
    }

    @Test
    void unknown_things_are_404_problems() {
        call("GET", "/api/accounts/nobody/stats", null).isProblem(404);
        call("GET", "/api/dlq/no.such.queue/abc", null).isProblem(404);
    }

    private String statusOf(String post) {
        return jdbc.sql("select status from slots where id = cast(:id as uuid)")
                .param("id", post)
                .query(String.class)
                .single();
    }
}
