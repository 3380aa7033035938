package dev.storyline.token;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storyline.testkit.Eventually;
import dev.storyline.token.crypto.AccessToken;
import dev.storyline.token.ingest.TokenIngest;
import dev.storyline.token.refresh.TokenRefresher;
import dev.storyline.token.store.LoginType;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
 * Tokens never leave the service in clear: not in logs (with our code at DEBUG, Spring MVC at DEBUG
 * and JdbcTemplate at TRACE, which logs every SQL parameter), events, HTTP answers or metrics, across
 * ingest, refresh, a failure whose error message echoes the token, and a tampered row.
 */
@ExtendWith(OutputCaptureExtension.class)
@TokenTest(
        properties = {
            "storyline.admin.token=secrecy-admin-token",
            "storyline.graph.app-id=42",
            "storyline.graph.app-secret=APP-SECRET-never-logged",
            "storyline.graph.max-attempts=2",
            "storyline.graph.initial-backoff=10ms",
            "storyline.outbox.poll-interval=100ms",
            "storyline.account.id=default",
            "storyline.account.access-token=ENV-TOKEN-never-logged-1",
            "storyline.account.login-type=instagram_login",
            "logging.level.dev.storyline=DEBUG",
            "logging.level.org.springframework.web=DEBUG",
            "logging.level.org.springframework.jdbc.core=TRACE"
        })
class TokenSecrecyTest {

    private static final GraphFake GRAPH = GraphFake.start();
    private static final String PUT_TOKEN = "PUT-TOKEN-never-logged-2";
    private static final String REFRESHED_TOKEN = "REFRESHED-TOKEN-never-logged-3";
    private static final List<String> SECRETS = List.of(
            "ENV-TOKEN-never-logged-1",
            PUT_TOKEN,
            REFRESHED_TOKEN,
            "FB-TOKEN-never-logged-4",
            "APP-SECRET-never-logged");

    @DynamicPropertySource
    static void keysAndGraph(DynamicPropertyRegistry registry) {
        GRAPH.register(registry);
    }

    @AfterAll
    static void stopFake() {
        GRAPH.close();
    }

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TokenIngest ingest;

    @Autowired
    TokenRefresher refresher;

    @Autowired
    MeterRegistry meters;

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<String> answers = new ArrayList<>();

    private void admin(String method, String path, String body) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .method(
                                method,
                                body == null
                                        ? HttpRequest.BodyPublishers.noBody()
                                        : HttpRequest.BodyPublishers.ofString(body))
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer secrecy-admin-token")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        answers.add(response.statusCode() + " " + response.body());
    }

    private void makeDue(String account) {
        jdbc.sql(
                        "update api_tokens set issued_at = now() - interval '55 days', expires_at = now() + interval '5 days', "
                                + "refresh_failed_at = null where account_id = :a and revoked_at is null")
                .param("a", account)
                .update();
    }

    @Test
    void no_token_appears_in_logs_events_answers_or_metrics(CapturedOutput output) throws Exception {
        // ingest: the environment token was stored at start-up; now one through the admin API
        assertThat(jdbc.sql("select count(*) from api_tokens where account_id = 'default'")
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
        admin("PUT", "/api/accounts/default/token", "{\"accessToken\":\"" + PUT_TOKEN + "\"}");
        // refresh: Meta answers with a new token
        makeDue("default");
        GRAPH.script(GraphFake.ok(REFRESHED_TOKEN, 5_184_000));
        assertThat(refresher.refreshDue().refreshed()).isEqualTo(1);
        // failure: Meta's error message quotes the token it was given (after a retried 500)
        makeDue("default");
        GRAPH.script(GraphFake.serverError(), GraphFake.oauthError("Invalid OAuth access token " + REFRESHED_TOKEN));
        assertThat(refresher.refreshDue().failed()).isEqualTo(1);
        // Facebook Login: the app secret travels in the URL, and the error quotes it back
        ingest.put(new TokenIngest.Put(
                "fbacct",
                LoginType.FACEBOOK_LOGIN,
                null,
                AccessToken.of("FB-TOKEN-never-logged-4"),
                null,
                List.of(),
                "test"));
        makeDue("fbacct");
        GRAPH.script(GraphFake.oauthError("bad client_secret APP-SECRET-never-logged for FB-TOKEN-never-logged-4"));
        assertThat(refresher.refreshDue().failed()).isEqualTo(1);
        // tampered row
        jdbc.sql(
                        "update api_tokens set ciphertext = set_byte(ciphertext, 0, get_byte(ciphertext, 0) # 1), refresh_failed_at = null "
                                + "where account_id = 'fbacct' and revoked_at is null")
                .update();
        makeDue("fbacct");
        assertThat(refresher.refreshDue().failed()).isEqualTo(1);
        // the answers an operator sees
        admin("GET", "/api/tokens", null);
        admin("GET", "/api/accounts/default/token", null);
        admin("POST", "/api/tokens/rotate-keys", null);
        admin("DELETE", "/api/accounts/fbacct/token", null);
        Eventually.await(
                Duration.ofSeconds(15),
                "outbox published",
                () -> jdbc.sql("select count(*) from outbox where published_at is null")
                                .query(Integer.class)
                                .single()
                        == 0);

        List<String> outbox =
                jdbc.sql("select body from outbox").query(String.class).list();
        String stored = String.join(
                "\n",
                jdbc.sql("select coalesce(last_error, '') || metadata::text || encode(ciphertext, 'escape') "
                                + "from api_tokens")
                        .query(String.class)
                        .list());
        String metrics =
                meters.getMeters().stream().map(m -> m.getId().toString()).reduce("", String::concat);
        assertThat(output.getAll())
                .contains(
                        "stored a new instagram_login token for account 'default'",
                        "refreshed the instagram_login token",
                        "[redacted]",
                        "failed authentication");
        assertThat(outbox).isNotEmpty();
        assertThat(String.join("\n", outbox))
                .contains("TokenRefreshed", "TokenRefreshFailed", "AdminAlert", "[redacted]");
        for (String secret : SECRETS) {
            assertThat(output.getAll()).as("logs").doesNotContain(secret);
            assertThat(outbox).as("events").noneMatch(body -> body.contains(secret));
            assertThat(answers).as("admin answers").noneMatch(answer -> answer.contains(secret));
            assertThat(stored).as("database columns").doesNotContain(secret);
            assertThat(metrics).as("metrics").doesNotContain(secret);
        }
    }
}
