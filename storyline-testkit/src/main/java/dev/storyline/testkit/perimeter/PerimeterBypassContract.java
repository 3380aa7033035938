package dev.storyline.testkit.perimeter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The bypass table every service runs against its real embedded server (one subclass per service, a
 * {@code @SpringBootTest(webEnvironment = RANDOM_PORT)} with {@link #PROPERTIES}). Each attempt must be
 * refused with 400, 401, 403 or 404 (TRACE may also meet the server's own 405) and never 200; nothing
 * under {@code /internal} ever answers with a token without the internal secret. The README's
 * "Security" section lists this table.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class PerimeterBypassContract {

    public static final String ADMIN_TOKEN = "perimeter-test-admin-token-0123456789abcdef";
    public static final String INTERNAL_TOKEN = "perimeter-test-internal-token-0123456789abcdef";
    /** The subclass's {@code @SpringBootTest(properties = ...)}. */
    public static final String ADMIN_PROPERTY = "storyline.admin.token=" + ADMIN_TOKEN;

    public static final String INTERNAL_PROPERTY = "storyline.internal.token=" + INTERNAL_TOKEN;
    static final String INTERNAL_PATH = "/internal/accounts/default/access-token";

    private static final Set<Integer> REFUSED = Set.of(400, 401, 403, 404);

    @LocalServerPort
    protected int port;

    @LocalManagementPort
    protected int managementPort;

    /** One attempt: a raw request line, optional Authorization, the answer expected (null: any refusal). */
    public record Attempt(String name, String method, String target, String authorization, Integer expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** A path of this service's admin API (below {@code /api}); it may or may not exist. */
    protected String adminPath() {
        return "/api/accounts";
    }

    /** True when {@link #adminPath()} exists and answers 200 to the admin token (the table's control). */
    protected boolean adminPathExists() {
        return false;
    }

    /** The table, with {@code /api<rest>} as the admin path. */
    public static List<Attempt> attempts(String adminPath) {
        String rest = adminPath.substring("/api".length());
        String admin = "Bearer " + ADMIN_TOKEN;
        String internal = "Bearer " + INTERNAL_TOKEN;
        List<Attempt> t = new ArrayList<>();
        t.add(new Attempt("no token", "GET", adminPath, null, 401));
        t.add(new Attempt("path parameter /api;x/", "GET", "/api;x" + rest, null, 400));
        t.add(new Attempt("empty path parameter /api;/", "GET", "/api;" + rest, null, 400));
        t.add(new Attempt("session path parameter /api;jsessionid=1/", "GET", "/api;jsessionid=1" + rest, null, 400));
        t.add(new Attempt("percent-encoded letter /%61pi/", "GET", "/%61pi" + rest, null, 401));
        t.add(new Attempt("percent-encoded upper case /%41PI/", "GET", "/%41PI" + rest, null, null));
        t.add(new Attempt("encoded slash /api%2f", "GET", "/api%2f" + rest.substring(1), null, 400));
        t.add(new Attempt("encoded slash upper case /api%2F", "GET", "/api%2F" + rest.substring(1), null, 400));
        t.add(new Attempt("encoded dots /%2e%2e/", "GET", "/x/%2e%2e" + adminPath, null, 400));
        t.add(new Attempt("encoded dot segment /api/%2e/", "GET", "/api/%2e" + rest, null, 400));
        t.add(new Attempt("dot segment /api/./", "GET", "/api/." + rest, null, 400));
        t.add(new Attempt("dot-dot segment /x/../api/", "GET", "/x/.." + adminPath, null, 400));
        t.add(new Attempt("double slash //api/", "GET", "/" + adminPath, null, 400));
        t.add(new Attempt("double slash inside /api//", "GET", "/api/" + rest, null, 400));
        t.add(new Attempt("trailing slash", "GET", adminPath + "/", null, 401));
        t.add(new Attempt("upper case /API/", "GET", "/API" + rest, null, null));
        t.add(new Attempt("mixed case /Api/", "GET", "/Api" + rest, null, null));
        t.add(new Attempt("encoded backslash /api%5c", "GET", "/api%5c" + rest.substring(1), null, 400));
        t.add(new Attempt("encoded NUL", "GET", adminPath + "%00", null, 400));
        t.add(new Attempt("encoded percent /%2561pi/", "GET", "/%2561pi" + rest, null, 400));
        t.add(new Attempt("absolute-form target with ;", "GET", "http://127.0.0.1/api;x" + rest, null, 400));
        t.add(new Attempt("HEAD without token", "HEAD", adminPath, null, 401));
        t.add(new Attempt("OPTIONS without token", "OPTIONS", adminPath, null, 401));
        t.add(new Attempt("TRACE", "TRACE", adminPath, admin, null));
        t.add(new Attempt("POST without token", "POST", adminPath, null, 401));
        t.add(new Attempt(
                "overlong path (12 000 characters)", "GET", adminPath + "/" + "a".repeat(12_000), admin, 400));
        t.add(new Attempt("long path without token", "GET", adminPath + "/" + "a".repeat(2_000), null, 401));
        t.add(new Attempt("wrong token", "GET", adminPath, "Bearer wrong-token", 401));
        t.add(new Attempt("empty Authorization", "GET", adminPath, "", 401));
        t.add(new Attempt("Bearer without token", "GET", adminPath, "Bearer ", 401));
        t.add(new Attempt(
                "Basic scheme with the admin token",
                "GET",
                adminPath,
                "Basic "
                        + Base64.getEncoder().encodeToString(("admin:" + ADMIN_TOKEN).getBytes(StandardCharsets.UTF_8)),
                401));
        t.add(new Attempt("lower-case bearer scheme", "GET", adminPath, "bearer " + ADMIN_TOKEN, 401));
        t.add(new Attempt("token without scheme", "GET", adminPath, ADMIN_TOKEN, 401));
        t.add(new Attempt("admin token with a suffix", "GET", adminPath, admin + "x", 401));
        t.add(new Attempt("admin token cut short", "GET", adminPath, admin.substring(0, admin.length() - 1), 401));
        t.add(new Attempt("internal token on /api", "GET", adminPath, internal, 403));
        t.add(new Attempt("admin token on /internal", "GET", INTERNAL_PATH, admin, 403));
        t.add(new Attempt("no token on /internal", "GET", INTERNAL_PATH, null, 401));
        t.add(new Attempt(
                "admin token on /internal;x", "GET", "/internal;x/accounts/default/access-token", admin, 400));
        t.add(new Attempt(
                "percent-encoded /%69nternal", "GET", "/%69nternal/accounts/default/access-token", admin, 403));
        t.add(new Attempt(
                "upper case /INTERNAL with the admin token",
                "GET",
                "/INTERNAL/accounts/default/access-token",
                admin,
                403));
        t.add(new Attempt("OpenAPI description without token", "GET", "/v3/api-docs", null, 401));
        t.add(new Attempt("prometheus on the API port", "GET", "/actuator/prometheus", null, 401));
        t.add(new Attempt("actuator env on the API port", "GET", "/actuator/env", admin, 403));
        t.add(new Attempt("health details path on the API port", "GET", "/actuator/health", null, 401));
        t.add(new Attempt("POST to a public probe", "POST", "/actuator/health/liveness", null, 401));
        t.add(new Attempt("probe with a path parameter", "GET", "/actuator/health/liveness;x", null, 400));
        t.add(new Attempt(
                "probe climbing out to /api", "GET", "/actuator/health/liveness/../../.." + adminPath, null, 400));
        t.add(new Attempt("the error page directly", "GET", "/error", null, 401));
        t.add(new Attempt("the root", "GET", "/", null, 401));
        return t;
    }

    List<Attempt> table() {
        return attempts(adminPath());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void every_bypass_attempt_is_refused(Attempt attempt) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (attempt.authorization() != null) {
            headers.put("Authorization", attempt.authorization());
        }
        RawHttp.Answer answer = RawHttp.send(port, attempt.method(), attempt.target(), headers);
        String why =
                attempt.method() + " " + abbreviated(attempt.target()) + " answered:\n" + abbreviated(answer.raw());
        if (attempt.expected() != null) {
            assertThat(answer.status()).as(why).isEqualTo(attempt.expected());
        } else if (attempt.method().equals("TRACE")) {
            assertThat(answer.status()).as(why).isIn(400, 405);
        } else {
            assertThat(answer.status()).as(why).isIn(REFUSED);
        }
        assertThat(answer.body())
                .as(why)
                .doesNotContain("accessToken")
                .doesNotContain("Exception")
                .doesNotContainPattern("\\bat [a-z]+\\.[a-z]+\\.")
                .doesNotContain("dev.storyline");
    }

    @Test
    void the_admin_token_opens_the_admin_api_and_nothing_more() {
        if (adminPathExists()) {
            assertThat(RawHttp.send(port, "GET", adminPath(), Map.of("Authorization", "Bearer " + ADMIN_TOKEN))
                            .status())
                    .as("the table's control: the right token on the right path")
                    .isEqualTo(200);
        }
        assertThat(RawHttp.send(port, "GET", "/v3/api-docs/../../" + adminPath(), Map.of())
                        .status())
                .isEqualTo(400);
    }

    @Test
    void probes_and_metrics_answer_on_the_management_port_only() {
        assertThat(managementPort).isNotEqualTo(port);
        assertThat(RawHttp.send(managementPort, "GET", "/actuator/health/liveness", Map.of())
                        .status())
                .isEqualTo(200);
        assertThat(RawHttp.send(managementPort, "GET", "/actuator/health/readiness", Map.of())
                        .status())
                .isEqualTo(200);
        // (Spring Boot tests switch the Prometheus export off; the metrics endpoint stands in for it)
        RawHttp.Answer metrics = RawHttp.send(managementPort, "GET", "/actuator/metrics", Map.of());
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm.");
        RawHttp.Answer health = RawHttp.send(managementPort, "GET", "/actuator/health", Map.of());
        assertThat(health.body()).as("details only when authorised").doesNotContain("\"components\"");
        assertThat(RawHttp.send(port, "GET", "/actuator/prometheus", Map.of()).status())
                .isEqualTo(401);
        assertThat(RawHttp.send(managementPort, "GET", "/api;x/accounts", Map.of())
                        .status())
                .isEqualTo(400);
        assertThat(RawHttp.send(managementPort, "GET", adminPath(), Map.of()).status())
                .isEqualTo(401);
    }

    private static String abbreviated(String text) {
        return text.length() > 600 ? text.substring(0, 600) + "…" : text;
    }
}
