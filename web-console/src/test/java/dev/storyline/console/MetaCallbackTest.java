package dev.storyline.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.storyline.console.meta.SignedRequest;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Meta's deauthorize and data-deletion callbacks end to end on the real server, with the scheduler's and
 * token-worker's admin APIs faked at the wire: what changes for a valid request, that a repeat changes
 * nothing more, that an invalid one changes nothing at all, and the public deletion status page.
 */
@ConsolePageTest
class MetaCallbackTest {

    static final String APP_SECRET = "0123456789abcdef0123456789abcdef";
    static final String INSTAGRAM_USER = "17840000000000000";
    private static final FakeTokenWorkerApi TOKENS = new FakeTokenWorkerApi();
    /** Each test signs its own requests: the callbacks' rows stay in the database between tests. */
    private static final AtomicLong ISSUED_AT = new AtomicLong(1_780_000_000L);

    private final ObjectMapper json = new ObjectMapper();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        registry.add("storyline.console.meta-callbacks.app-secret", () -> APP_SECRET);
        registry.add("storyline.console.meta-callbacks.public-url", () -> "https://console.example.com/");
        registry.add("storyline.console.meta-callbacks.token-worker-url", TOKENS::url);
    }

    @AfterAll
    static void stopFakes() {
        TOKENS.close();
    }

    @Autowired
    FakeSchedulerApi scheduler;

    @LocalServerPort
    int port;

    @BeforeEach
    void freshTokenWorker() {
        TOKENS.reset();
    }

    static String signed(String user, long issuedAt) {
        return SignedRequest.sign(
                "{\"algorithm\":\"HMAC-SHA256\",\"issued_at\":" + issuedAt + ",\"user_id\":\"" + user + "\"}",
                APP_SECRET.getBytes(StandardCharsets.UTF_8));
    }

    private WebSession.Page callback(String path, String signedRequest) {
        return new WebSession(port).postRaw(path, Map.of("signed_request", signedRequest), false);
    }

    @Test
    void deauthorize_switches_the_api_off_deletes_the_token_and_alerts_once_even_when_meta_calls_twice() {
        String request = signed(INSTAGRAM_USER, ISSUED_AT.incrementAndGet());

        WebSession.Page first = callback("/meta/deauthorize", request);
        WebSession.Page again = callback("/meta/deauthorize", request);

        assertThat(first.status()).isEqualTo(200);
        assertThat(again.status()).isEqualTo(200);
        assertThat(scheduler.calls("PUT", "/api/accounts/default/api"))
                .singleElement()
                .satisfies(c -> assertThat(c.body()).isEqualTo("{\"enabled\":\"off\"}"));
        assertThat(TOKENS.calls())
                .singleElement()
                .satisfies(c -> assertThat(c.method() + " " + c.path() + "?" + c.query())
                        .isEqualTo("DELETE /api/accounts/default/token?by=meta-deauthorize"));
        assertThat(TOKENS.alerts())
                .singleElement()
                .satisfies(a -> assertThat(a)
                        .contains("revoked by meta-deauthorize")
                        .doesNotContain(APP_SECRET)
                        .doesNotContain(request));
        assertThat(first.header("Set-Cookie")).as("Meta gets no session").isEmpty();
    }

    @Test
    void a_new_deauthorize_for_a_person_already_removed_raises_no_second_alert() {
        callback("/meta/deauthorize", signed(INSTAGRAM_USER, ISSUED_AT.incrementAndGet()));
        WebSession.Page later = callback("/meta/deauthorize", signed(INSTAGRAM_USER, ISSUED_AT.incrementAndGet()));

        assertThat(later.status()).isEqualTo(200);
        assertThat(TOKENS.calls()).hasSize(2);
        assertThat(TOKENS.alerts()).hasSize(1);
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void an_unknown_instagram_user_is_answered_200_and_nothing_changes_and_the_log_holds_no_secret(CapturedOutput log) {
        String request = signed("98765432123456789", ISSUED_AT.incrementAndGet());
        WebSession.Page page = callback("/meta/deauthorize", request);

        assertThat(page.status()).isEqualTo(200);
        assertThat(log.getOut())
                .contains("no Storyline account has this Instagram user")
                .doesNotContain("98765432123456789")
                .doesNotContain(APP_SECRET)
                .doesNotContain(request.substring(0, request.indexOf('.')));
        assertThat(scheduler.calls("PUT", "/")).isEmpty();
        assertThat(TOKENS.calls()).isEmpty();
    }

    @Test
    void a_request_meta_did_not_sign_is_refused_with_400_and_nothing_changes() {
        long at = ISSUED_AT.incrementAndGet();
        String good = signed(INSTAGRAM_USER, at);
        int dot = good.indexOf('.');
        String otherPayload = SignedRequest.sign(
                        "{\"algorithm\":\"HMAC-SHA256\",\"issued_at\":" + at + ",\"user_id\":\"1\"}",
                        APP_SECRET.getBytes(StandardCharsets.UTF_8))
                .substring(dot + 1);
        Map<String, String> refused = Map.of(
                good.substring(0, dot) + "." + otherPayload,
                "does not match",
                "AAAA" + good.substring(4),
                "does not match",
                SignedRequest.sign(
                        "{\"algorithm\":\"HMAC-SHA256\",\"issued_at\":1,\"user_id\":\"" + INSTAGRAM_USER + "\"}",
                        "the-wrong-app-secret-0123456789ab".getBytes(StandardCharsets.UTF_8)),
                "does not match",
                SignedRequest.sign(
                        "{\"algorithm\":\"HMAC-SHA1\",\"issued_at\":1,\"user_id\":\"" + INSTAGRAM_USER + "\"}",
                        APP_SECRET.getBytes(StandardCharsets.UTF_8)),
                "algorithm must be HMAC-SHA256",
                good.replace(".", ""),
                "two base64url parts",
                "!!!.???",
                "not base64url",
                "",
                "is missing");
        for (Map.Entry<String, String> bad : refused.entrySet()) {
            for (String path : new String[] {"/meta/deauthorize", "/meta/data-deletion"}) {
                WebSession.Page page = callback(path, bad.getKey());
                assertThat(page.status()).as(path + " " + bad.getValue()).isEqualTo(400);
                assertThat(page.body())
                        .startsWith("signed_request ")
                        .contains(bad.getValue())
                        .doesNotContain(APP_SECRET)
                        .hasSizeLessThan(120);
            }
        }
        assertThat(new WebSession(port)
                        .postRaw("/meta/deauthorize", Map.of(), false)
                        .status())
                .isEqualTo(400);
        assertThat(scheduler.calls()).isEmpty();
        assertThat(TOKENS.calls()).isEmpty();
    }

    @Test
    void a_body_over_four_kilobytes_is_refused_before_it_is_read() {
        WebSession.Page page = new WebSession(port)
                .postRaw(
                        "/meta/data-deletion",
                        Map.of("signed_request", signed(INSTAGRAM_USER, 1), "padding", "x".repeat(5000)),
                        false);

        assertThat(page.status()).isEqualTo(413);
        assertThat(page.body()).contains("larger than 4096 bytes");
        assertThat(scheduler.calls()).isEmpty();
        assertThat(TOKENS.calls()).isEmpty();
    }

    @Test
    void a_chunked_body_without_a_length_is_cut_off_after_four_kilobytes() throws Exception {
        byte[] body = ("signed_request=" + signed(INSTAGRAM_USER, 1) + "&padding=" + "x".repeat(8000))
                .getBytes(StandardCharsets.US_ASCII);
        HttpResponse<String> answer = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/meta/deauthorize"))
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                // from a stream: no Content-Length, the body arrives chunked
                                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(413);
        assertThat(scheduler.calls()).isEmpty();
        assertThat(TOKENS.calls()).isEmpty();
    }

    @Test
    void data_deletion_answers_meta_with_a_status_link_and_code_and_the_page_shows_only_code_date_and_state()
            throws Exception {
        String request = signed(INSTAGRAM_USER, ISSUED_AT.incrementAndGet());

        WebSession.Page first = callback("/meta/data-deletion", request);
        WebSession.Page again = callback("/meta/data-deletion", request);

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.header("Content-Type")).startsWith("application/json");
        JsonNode answer = json.readTree(first.body());
        String code = answer.path("confirmation_code").asText();
        assertThat(code).matches("[0-9a-f]{32}");
        assertThat(answer.path("url").asText())
                .isEqualTo("https://console.example.com/meta/deletion-status?code=" + code);
        assertThat(answer.size()).isEqualTo(2);
        assertThat(json.readTree(again.body()))
                .as("Meta's repeat gets the same code")
                .isEqualTo(answer);
        assertThat(scheduler.calls("PUT", "/api/accounts/default/api")).hasSize(1);
        assertThat(TOKENS.alerts()).hasSize(1);

        WebSession.Page status = new WebSession(port).get("/meta/deletion-status?code=" + code);
        assertThat(status.status()).isEqualTo(200);
        assertThat(status.body())
                .contains(code)
                .contains("Done")
                .contains("deleted the Instagram access token")
                .containsPattern("<time datetime=\"\\d{4}-\\d{2}-\\d{2}\"")
                .doesNotContain(INSTAGRAM_USER)
                .doesNotContain("default")
                .doesNotContain("Demo brand");
    }

    @Test
    void data_deletion_of_an_unknown_person_gets_a_code_whose_page_says_nothing_was_held() throws Exception {
        WebSession.Page page = callback("/meta/data-deletion", signed("123", ISSUED_AT.incrementAndGet()));

        String code = json.readTree(page.body()).path("confirmation_code").asText();
        assertThat(new WebSession(port)
                        .get("/meta/deletion-status?code=" + code)
                        .body())
                .contains("nothing to delete");
        assertThat(TOKENS.calls()).isEmpty();
        assertThat(scheduler.calls("PUT", "/")).isEmpty();
    }

    @Test
    void the_status_page_refuses_a_malformed_code_and_says_so_for_an_unknown_one() {
        WebSession visitor = new WebSession(port);
        WebSession.Page malformed = visitor.get("/meta/deletion-status?code=%3Cscript%3E");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.body())
                .contains("code must be the 32-character confirmation code")
                .doesNotContain("<script>");
        WebSession.Page unknown = visitor.get("/meta/deletion-status?code=" + "0".repeat(32));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body()).contains("No deletion request has this confirmation code.");
    }

    @Test
    void when_token_worker_is_down_meta_gets_503_and_its_repeat_finishes_the_deletion() throws Exception {
        String request = signed(INSTAGRAM_USER, ISSUED_AT.incrementAndGet());
        TOKENS.down(true);

        WebSession.Page failed = callback("/meta/data-deletion", request);

        assertThat(failed.status()).isEqualTo(503);
        assertThat(failed.body()).contains("token-worker is not reachable").doesNotContain("Exception");
        TOKENS.down(false);
        WebSession.Page retried = callback("/meta/data-deletion", request);
        assertThat(retried.status()).isEqualTo(200);
        String code = json.readTree(retried.body()).path("confirmation_code").asText();
        assertThat(new WebSession(port)
                        .get("/meta/deletion-status?code=" + code)
                        .body())
                .contains("Done");
        assertThat(TOKENS.alerts()).hasSize(1);
    }

    @Test
    void a_scheduler_that_is_down_or_refuses_is_a_plain_503_and_no_token_is_deleted() {
        scheduler.down(true);
        WebSession.Page down = callback("/meta/deauthorize", signed(INSTAGRAM_USER, ISSUED_AT.incrementAndGet()));
        scheduler.down(false);
        scheduler.failNext(500, "java.lang.IllegalStateException: boom");
        WebSession.Page refused = callback("/meta/deauthorize", signed(INSTAGRAM_USER, ISSUED_AT.incrementAndGet()));

        assertThat(down.status()).isEqualTo(503);
        assertThat(down.body()).contains("the scheduler is not reachable");
        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.body())
                .contains("the scheduler refused a step (500)")
                .doesNotContain("java.lang");
        assertThat(TOKENS.calls()).isEmpty();
    }

    @Test
    void only_the_two_callbacks_and_the_status_page_are_open_signed_out() {
        WebSession visitor = new WebSession(port);
        assertThat(visitor.get("/meta/deauthorize").status()).isEqualTo(302);
        assertThat(visitor.get("/meta/data-deletion").status()).isEqualTo(302);
        for (String path : new String[] {"/meta/deletion-status", "/meta/deauthorize/x", "/meta", "/meta/other"}) {
            assertThat(visitor.postRaw(path, Map.of("signed_request", "x.y"), false)
                            .status())
                    .as("POST " + path + " without CSRF")
                    .isEqualTo(403);
            assertThat(visitor.post(path, Map.of("signed_request", "x.y")).status())
                    .as("POST " + path + " with CSRF, signed out")
                    .isEqualTo(401);
        }
        assertThat(visitor.get("/meta/other").status()).isEqualTo(302);
        assertThat(scheduler.calls()).isEmpty();
        assertThat(TOKENS.calls()).isEmpty();
    }
}
