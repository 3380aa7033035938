package dev.storyline.console;

import static dev.storyline.console.ConsoleTestSetup.MEMBER;
import static dev.storyline.console.ConsoleTestSetup.MEMBER_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The console's perimeter on the real embedded server: deny by default for signed-out visitors on every
 * route the application maps, CSRF on every POST, form sign-in, the lock-out, and admin-only controls.
 */
@ConsolePageTest(member = true)
class ConsoleSecurityTest {

    /** The only routes open signed out besides /login; nothing else may join them. */
    private static final Set<String> META_PUBLIC =
            Set.of("POST /meta/deauthorize", "POST /meta/data-deletion", "GET /meta/deletion-status");

    private static final UUID WAITING = UUID.fromString("5036ac1f-2354-4846-a1f4-fbf710089f53");

    @Autowired
    FakeSchedulerApi scheduler;

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Autowired
    TestUsers testUsers;

    /** Every route of the application, with example values for its path variables. */
    private List<String[]> routes() {
        List<String[]> routes = new ArrayList<>();
        for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            for (String pattern : info.getPatternValues()) {
                String path = pattern.replace("{account}", "default")
                        .replace("{post}", WAITING.toString())
                        .replaceAll("\\{[^}]+}", "x");
                for (RequestMethod method :
                        methods.isEmpty() ? Set.of(RequestMethod.GET, RequestMethod.POST) : methods) {
                    routes.add(new String[] {method.name(), path});
                }
            }
        }
        return routes;
    }

    @Test
    void a_signed_out_visitor_is_sent_to_the_sign_in_page_from_every_route() {
        List<String[]> routes = routes();
        assertThat(routes)
                .extracting(r -> r[0] + " " + r[1])
                .contains(
                        "GET /calendar",
                        "GET /manual",
                        "GET /accounts",
                        "GET /history",
                        "GET /history.csv",
                        "GET /fragments/manual",
                        "POST /manual/default/" + WAITING + "/resolve",
                        "POST /accounts/default/pause",
                        "POST /accounts/default/resume",
                        "POST /accounts/default/post-next",
                        "GET /operations",
                        "GET /operations/dlq/x",
                        "GET /operations/dlq/x/replay",
                        "POST /operations/dlq/x/replay",
                        "GET /operations/dlq/x/purge",
                        "POST /operations/dlq/x/purge",
                        "GET /accounts/default/schedule",
                        "POST /accounts/default/schedule/mix",
                        "POST /accounts/default/schedule/settings",
                        "POST /accounts/default/schedule/pause",
                        "POST /accounts/default/schedule/resume",
                        "POST /accounts/default/schedule/post-next",
                        "GET /connect",
                        "GET /connect/start",
                        "GET /connect/callback",
                        "GET /connect/choose",
                        "POST /connect/finish",
                        "GET /library",
                        "GET /accounts/default/library",
                        "GET /accounts/default/library/x/thumbnail",
                        "GET /accounts/default/slots/x",
                        "POST /accounts/default/library/x",
                        "POST /accounts/default/library/upload",
                        "GET /users",
                        "POST /users",
                        "GET /users/x",
                        "POST /users/x/roles",
                        "POST /users/x/enabled",
                        "POST /users/x/password",
                        "GET /password",
                        "POST /password",
                        "GET /api/users",
                        "POST /api/users");
        for (String[] route : routes) {
            String method = route[0];
            String path = route[1];
            if (path.equals("/login") || META_PUBLIC.contains(method + " " + path)) {
                continue; // Meta's callbacks and the deletion status page are public: MetaCallbackTest
            }
            WebSession visitor = new WebSession(port);
            if (path.startsWith("/api/")) {
                // the bearer API (UsersApiTest): no token is 401 with or without a session's CSRF token
                WebSession.Page answer = method.equals("GET")
                        ? visitor.get(path)
                        : visitor.postRaw(path, Map.of("email", "x@example.com"), false);
                assertThat(answer.status()).as(method + " " + path).isEqualTo(401);
                continue;
            }
            if (method.equals("GET")) {
                WebSession.Page page = visitor.get(path);
                if (path.startsWith("/fragments/")) {
                    assertThat(page.status()).as("GET " + path).isEqualTo(401);
                    assertThat(page.header("HX-Redirect")).isEqualTo("/login");
                } else {
                    assertThat(page.status()).as("GET " + path).isEqualTo(302);
                    assertThat(page.location()).as("GET " + path).endsWith("/login");
                }
                assertThat(visitor.getFragment(path).status())
                        .as("htmx GET " + path)
                        .isEqualTo(401);
            } else {
                assertThat(visitor.postRaw(path, Map.of("action", "posted", "overdue", "drop"), true)
                                .status())
                        .as(method + " " + path + " without a CSRF token")
                        .isEqualTo(403);
                assertThat(visitor.post(path, Map.of("action", "posted", "overdue", "drop"))
                                .status())
                        .as(method + " " + path + " with a CSRF token, signed out")
                        .isEqualTo(401);
            }
        }
        assertThat(scheduler.calls()).as("nothing reached the scheduler").isEmpty();
    }

    @Test
    void the_sign_in_page_static_assets_and_health_probes_answer_signed_out() {
        WebSession visitor = new WebSession(port);
        String signIn = visitor.get("/login").body();
        assertThat(signIn).contains("Sign in").contains("name=\"_csrf\"");
        java.util.regex.Matcher scripts =
                java.util.regex.Pattern.compile("<script src=\"([^\"]+)\"").matcher(signIn);
        List<String> sources = new ArrayList<>();
        while (scripts.find()) {
            sources.add(scripts.group(1));
        }
        assertThat(sources).hasSize(2).anySatisfy(s -> assertThat(s).contains("htmx.min.js"));
        for (String source : sources) {
            assertThat(visitor.get(source).status()).as(source).isEqualTo(200);
        }
        assertThat(visitor.get("/css/console.css").status()).isEqualTo(200);
        assertThat(new WebSession(managementPort)
                        .get("/actuator/health/readiness")
                        .status())
                .isEqualTo(200);
        assertThat(new WebSession(managementPort)
                        .get("/actuator/health/liveness")
                        .status())
                .isEqualTo(200);
    }

    @Test
    void the_first_admin_signs_in_and_lands_on_the_calendar_with_a_protected_session_cookie() {
        WebSession admin = new WebSession(port);
        admin.get("/login");
        WebSession.Page signedIn = admin.post(
                "/login", Map.of("email", " Admin@Example.com ", "password", ConsoleTestSetup.ADMIN_PASSWORD));
        assertThat(signedIn.status()).isEqualTo(302);
        assertThat(signedIn.location()).endsWith("/calendar");
        List<String> cookies = signedIn.response().headers().allValues("Set-Cookie");
        assertThat(cookies)
                .anySatisfy(c -> assertThat(c)
                        .startsWith("storyline_console=")
                        .contains("HttpOnly")
                        .contains("SameSite=Lax"));
        WebSession.Page calendar = admin.get("/calendar");
        assertThat(calendar.status()).isEqualTo(200);
        assertThat(calendar.body()).contains("admin@example.com (admin)").contains("Demo brand");
    }

    @Test
    void five_wrong_passwords_lock_the_email_from_that_address_with_a_clear_message() {
        String email = "locked@example.com";
        testUsers.add(email, "the-right-password");
        WebSession guesser = new WebSession(port);
        for (int attempt = 1; attempt <= 4; attempt++) {
            assertThat(guesser.signIn(email, "wrong-" + attempt).location()).endsWith("/login?error");
            WebSession.Page page = guesser.get("/login?error");
            assertThat(page.body()).as(page.status() + " " + page.location()).contains("Wrong email or password.");
        }
        guesser.signIn(email, "wrong-5");
        assertThat(guesser.get("/login?error").body())
                .contains("Too many failed sign-ins")
                .contains("Try again in 15 minutes");
        // while locked even the right password is refused
        WebSession.Page right = guesser.signIn(email, "the-right-password");
        assertThat(right.location()).endsWith("/login?error");
        assertThat(guesser.get("/login?error").body()).contains("Too many failed sign-ins");
        assertThat(guesser.get("/calendar").status()).isEqualTo(302);
    }

    @Test
    void a_post_without_the_csrf_token_is_refused_even_when_signed_in() {
        WebSession admin = new WebSession(port);
        admin.signIn(ConsoleTestSetup.ADMIN, ConsoleTestSetup.ADMIN_PASSWORD);
        assertThat(admin.postRaw("/manual/default/" + WAITING + "/resolve", Map.of("action", "posted"), true)
                        .status())
                .isEqualTo(403);
        assertThat(admin.postRaw("/accounts/default/pause", Map.of(), false).status())
                .isEqualTo(403);
        assertThat(scheduler.calls("POST", "/")).isEmpty();
    }

    @Test
    void a_member_reads_the_history_and_downloads_its_csv() {
        WebSession member = new WebSession(port);
        assertThat(member.signIn(MEMBER, MEMBER_PASSWORD).location()).endsWith("/calendar");
        WebSession.Page history = member.get("/history");
        assertThat(history.status()).isEqualTo(200);
        assertThat(history.body()).contains("published by the API");
        WebSession.Page csv = member.get("/history.csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("Content-Disposition")).startsWith("attachment");
    }

    @Test
    void a_member_sees_no_pause_controls_and_cannot_pause() {
        WebSession member = new WebSession(port);
        assertThat(member.signIn(MEMBER, MEMBER_PASSWORD).location()).endsWith("/calendar");
        WebSession.Page accounts = member.get("/accounts");
        assertThat(accounts.status()).isEqualTo(200);
        assertThat(accounts.body())
                .contains("Demo brand")
                .doesNotContain(">Pause<")
                .doesNotContain("Post next now");
        assertThat(member.htmxPost("/accounts/default/pause", Map.of()).status())
                .isEqualTo(403);
        assertThat(member.htmxPost("/accounts/default/post-next", Map.of()).status())
                .isEqualTo(403);
        assertThat(scheduler.calls("POST", "/pause")).isEmpty();
        assertThat(scheduler.calls("POST", "/post-next")).isEmpty();
    }

    @Test
    void signing_out_ends_the_session() {
        WebSession admin = new WebSession(port);
        admin.signIn(ConsoleTestSetup.ADMIN, ConsoleTestSetup.ADMIN_PASSWORD);
        admin.get("/calendar");
        assertThat(admin.post("/logout", Map.of()).location()).endsWith("/login?signedOut");
        assertThat(admin.get("/calendar").status()).isEqualTo(302);
    }
}
