package dev.storyline.token;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.storyline.token.refresh.TokenRefresher;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code GET /internal/accounts/{account}/access-token}: instagram-worker's way to the current token. Only
 * with STORYLINE_INTERNAL_TOKEN (never the admin token), always the value stored right now, and the value
 * still never in a log line (Spring MVC at DEBUG logs what a controller returns).
 */
@ExtendWith(OutputCaptureExtension.class)
@TokenTest(
        properties = {
            "storyline.admin.token=" + InternalTokenApiTest.ADMIN,
            "storyline.internal.token=" + InternalTokenApiTest.INTERNAL,
            "storyline.graph.max-attempts=1",
            "storyline.graph.initial-backoff=10ms",
            "storyline.account.id=default",
            "storyline.account.access-token=",
            "logging.level.dev.storyline=DEBUG",
            "logging.level.org.springframework.web=DEBUG"
        })
class InternalTokenApiTest {

    static final String ADMIN = "internal-api-test-admin-token";
    static final String INTERNAL = "internal-api-test-shared-secret";

    private static final GraphFake GRAPH = GraphFake.start();

    @DynamicPropertySource
    static void keysAndGraph(DynamicPropertyRegistry registry) {
        GRAPH.register(registry);
    }

    @AfterAll
    static void stopFake() {
        GRAPH.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TokenRefresher refresher;

    @Autowired
    MeterRegistry meters;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private final String account = "acct-" + ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999);

    private HttpResponse<String> call(String method, String path, String bearer, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> served(String bearer) throws Exception {
        return call("GET", "/internal/accounts/" + account + "/access-token", bearer, null);
    }

    private void put(String token) throws Exception {
        HttpResponse<String> answer = call(
                "PUT",
                "/api/accounts/" + account + "/token",
                ADMIN,
                "{\"accessToken\":\"" + token
                        + "\",\"loginType\":\"instagram_login\",\"instagramUserId\":\"17841400000000001\"}");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    }

    @Test
    void refuses_a_caller_without_the_internal_token_or_with_the_admin_token() throws Exception {
        put("IGAA-first-value-never-logged-1");

        HttpResponse<String> none = served(null);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.body()).contains("STORYLINE_INTERNAL_TOKEN").doesNotContain("IGAA");
        HttpResponse<String> wrong = served("not-the-internal-token");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.body())
                .contains("wrong bearer token")
                .contains("STORYLINE_INTERNAL_TOKEN")
                .doesNotContain("IGAA");
        assertThat(served(ADMIN).statusCode())
                .as("the admin token opens only /api/**")
                .isEqualTo(403);
        assertThat(call("GET", "/api/accounts/" + account + "/token", INTERNAL, null)
                        .statusCode())
                .as("and the internal token opens no admin path")
                .isEqualTo(403);
    }

    @Test
    void serves_the_current_token_and_the_replacement_right_after_a_put(CapturedOutput output) throws Exception {
        put("IGAA-first-value-never-logged-2");
        HttpResponse<String> first = served(INTERNAL);
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.headers().firstValue("Cache-Control")).hasValue("no-store");
        JsonNode body = json.readTree(first.body());
        assertThat(body.path("accountId").asText()).isEqualTo(account);
        assertThat(body.path("accessToken").asText()).isEqualTo("IGAA-first-value-never-logged-2");
        assertThat(body.path("loginType").asText()).isEqualTo("instagram_login");
        assertThat(body.path("instagramUserId").asText()).isEqualTo("17841400000000001");
        assertThat(body.path("expiresAt").asText()).isNotBlank();

        put("IGAA-replaced-value-never-logged-3");
        assertThat(json.readTree(served(INTERNAL).body()).path("accessToken").asText())
                .isEqualTo("IGAA-replaced-value-never-logged-3");

        assertThat(output.getAll())
                .contains("serving the token of account '" + account + "'")
                .doesNotContain("IGAA-first-value-never-logged-2")
                .doesNotContain("IGAA-replaced-value-never-logged-3");
    }

    @Test
    void serves_the_refreshed_token_to_the_publisher(CapturedOutput output) throws Exception {
        put("IGAA-before-refresh-never-logged-4");
        makeDue();
        double before = refreshes("success");
        GRAPH.script(GraphFake.ok("IGAA-after-refresh-never-logged-5", 5_184_000));

        assertThat(refresher.refreshDue().refreshed()).isEqualTo(1);

        JsonNode body = json.readTree(served(INTERNAL).body());
        assertThat(body.path("accessToken").asText()).isEqualTo("IGAA-after-refresh-never-logged-5");
        assertThat(refreshes("success")).isEqualTo(before + 1);
        assertThat(output.getAll())
                .doesNotContain("IGAA-before-refresh-never-logged-4")
                .doesNotContain("IGAA-after-refresh-never-logged-5");
    }

    @Test
    void counts_a_failed_refresh() throws Exception {
        put("IGAA-dying-value-never-logged-7");
        makeDue();
        double before = refreshes("failure");
        GRAPH.script(GraphFake.oauthError("Error validating access token: Session has expired"));

        assertThat(refresher.refreshDue().failed()).isEqualTo(1);
        assertThat(refreshes("failure")).isEqualTo(before + 1);
    }

    @Test
    void answers_404_naming_the_account_after_its_token_was_revoked() throws Exception {
        put("IGAA-revoked-value-never-logged-6");
        assertThat(call("DELETE", "/api/accounts/" + account + "/token", ADMIN, null)
                        .statusCode())
                .isEqualTo(200);

        HttpResponse<String> answer = served(INTERNAL);
        assertThat(answer.statusCode()).isEqualTo(404);
        assertThat(json.readTree(answer.body()).path("error").asText())
                .contains("account '" + account + "' has no active token");
        assertThat(answer.body()).doesNotContain("IGAA");
        HttpResponse<String> unknown = call("GET", "/internal/accounts/nobody-here/access-token", INTERNAL, null);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("account 'nobody-here' has no active token");
    }

    private void makeDue() {
        jdbc.sql("update api_tokens set issued_at = now() - interval '55 days', expires_at = now() + interval '5 days' "
                        + "where account_id = :a and revoked_at is null")
                .param("a", account)
                .update();
    }

    private double refreshes(String outcome) {
        return meters.get("storyline_token_refreshes_total")
                .tag("outcome", outcome)
                .counter()
                .count();
    }
}
