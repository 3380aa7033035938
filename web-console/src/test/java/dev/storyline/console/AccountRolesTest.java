package dev.storyline.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storyline.console.signin.Role;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Roles per account. The fake scheduler lists two accounts: "default" (Demo brand), granted to the test's
 * users, and "brand-a" (Brand A), granted to nobody but there for the installation admin. An account not
 * granted does not exist for a user: absent from every list, and every route of it answers 404, the same as
 * for an account that does not exist, before the scheduler is asked anything.
 */
@ConsolePageTest
class AccountRolesTest {

    private static final String MEMBER = "member@brand-b.example";
    private static final String ACCOUNT_ADMIN = "admin@brand-b.example";
    private static final String PASSWORD = "a-password-for-the-role-tests";
    private static final UUID WAITING = UUID.fromString("5036ac1f-2354-4846-a1f4-fbf710089f53");
    private static final UUID MEDIA = UUID.fromString("0b6f3c8e-8a55-4d38-9b7e-3f5e2b1f7a10");

    @Autowired
    FakeSchedulerApi scheduler;

    @LocalServerPort
    int port;

    @Autowired
    TestUsers testUsers;

    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void twoAccounts() {
        scheduler.listAccount("brand-a", "Brand A");
        jdbc.sql("delete from account_roles").update();
        testUsers.add(MEMBER, PASSWORD, "default", Role.MEMBER);
        testUsers.add(ACCOUNT_ADMIN, PASSWORD, "default", Role.ADMIN);
    }

    private WebSession signedIn(String email, String password) {
        WebSession session = new WebSession(port);
        assertThat(session.signIn(email, password).location()).endsWith("/calendar");
        return session;
    }

    private static List<String> brandARoutesRead() {
        return List.of(
                "/accounts/brand-a/schedule",
                "/accounts/brand-a/library",
                "/accounts/brand-a/library/" + MEDIA + "/thumbnail",
                "/calendar?account=brand-a",
                "/calendar?account=brand-a&week=2026-06-01",
                "/calendar?view=month&account=brand-a",
                "/history?account=brand-a",
                "/history?account=brand-a&page=2",
                "/history.csv?account=brand-a",
                "/fragments/manual?account=brand-a");
    }

    private static List<String> brandARoutesChanged() {
        return List.of(
                "/accounts/brand-a/pause",
                "/accounts/brand-a/resume",
                "/accounts/brand-a/post-next",
                "/accounts/brand-a/schedule/mix",
                "/accounts/brand-a/schedule/settings",
                "/accounts/brand-a/schedule/pause",
                "/accounts/brand-a/schedule/resume",
                "/accounts/brand-a/schedule/post-next",
                "/accounts/brand-a/library/" + MEDIA,
                "/accounts/brand-a/library/upload",
                "/manual/brand-a/" + WAITING + "/resolve");
    }

    @Test
    void a_member_of_one_account_finds_no_trace_of_another_in_any_list() {
        WebSession member = signedIn(MEMBER, PASSWORD);
        for (String page : List.of(
                "/calendar",
                "/calendar?view=month",
                "/calendar?view=month&account=all",
                "/manual",
                "/fragments/manual",
                "/history",
                "/history.csv",
                "/accounts")) {
            WebSession.Page answer = member.get(page);
            assertThat(answer.status()).as(page).isEqualTo(200);
            assertThat(answer.body()).as(page).doesNotContain("Brand A").doesNotContain("brand-a");
        }
        assertThat(member.get("/accounts").body()).contains("Demo brand");
        assertThat(member.get("/library").location()).endsWith("/accounts/default/library");
        assertThat(scheduler.calls())
                .as("nothing of brand-a was even asked for")
                .noneMatch(c -> c.path().contains("brand-a"));
        assertThat(scheduler.calls("GET", "/api/accounts/default/slots")).isNotEmpty();
    }

    @Test
    void every_page_fragment_and_post_of_an_account_not_granted_answers_404_like_one_that_does_not_exist() {
        WebSession member = signedIn(MEMBER, PASSWORD);
        member.get("/accounts");
        for (String path : brandARoutesRead()) {
            assertThat(member.getPage(path).status()).as("GET " + path).isEqualTo(404);
            assertThat(member.getFragment(path).status()).as("htmx GET " + path).isEqualTo(404);
            WebSession.Page missing = member.getPage(path.replace("brand-a", "no-such-account"));
            assertThat(missing.status())
                    .as("GET " + path + " of an account that does not exist")
                    .isEqualTo(404);
            assertThat(member.getPage(path).body())
                    .as("the same answer whether the account exists or not")
                    .isEqualTo(missing.body());
        }
        for (String path : brandARoutesChanged()) {
            Map<String, String> form = Map.of("action", "posted", "overdue", "drop", "ratio.memes", "100");
            assertThat(member.post(path, form).status()).as("POST " + path).isEqualTo(404);
            member.get("/accounts");
            assertThat(member.htmxPost(path, form).status())
                    .as("htmx POST " + path)
                    .isEqualTo(404);
        }
        // bad spellings of an account the member has are other accounts, not it
        for (String path :
                List.of("/accounts/DEFAULT/schedule", "/accounts/default%20/library", "/calendar?account=Default")) {
            assertThat(member.getPage(path).status()).as(path).isEqualTo(404);
        }
        assertThat(scheduler.calls()).noneMatch(c -> c.path().contains("brand-a"));
    }

    @Test
    void a_member_reads_their_account_and_resolves_its_manual_posts_but_changes_nothing_else() {
        WebSession member = signedIn(MEMBER, PASSWORD);
        WebSession.Page accounts = member.get("/accounts");
        assertThat(accounts.body())
                .contains("Demo brand")
                .doesNotContain(">Pause<")
                .doesNotContain("Post next now");
        assertThat(member.get("/accounts/default/schedule").status()).isEqualTo(200);
        assertThat(member.get("/accounts/default/schedule").body()).doesNotContain("id=\"pause\"");
        assertThat(member.get("/accounts/default/library").body()).doesNotContain("upload-title");
        assertThat(member.htmxPost("/accounts/default/pause", Map.of()).status())
                .as("a granted account the member may only read: forbidden, not hidden")
                .isEqualTo(403);
        assertThat(member.htmxPost("/accounts/default/schedule/pause", Map.of()).status())
                .isEqualTo(403);
        member.get("/manual");
        WebSession.Page resolved =
                member.htmxPost("/manual/default/" + WAITING + "/resolve", Map.of("action", "posted"));
        assertThat(resolved.status()).isEqualTo(200);
        assertThat(resolved.body()).contains("by " + MEMBER);
        assertThat(scheduler.calls("POST", "/pause")).isEmpty();
    }

    @Test
    void an_account_admin_pauses_their_account_but_not_another() {
        WebSession admin = signedIn(ACCOUNT_ADMIN, PASSWORD);
        WebSession.Page accounts = admin.get("/accounts");
        assertThat(accounts.body())
                .contains(">Pause<")
                .doesNotContain("Brand A")
                .doesNotContain("Connect Instagram");
        assertThat(admin.get("/accounts/default/schedule").body()).contains("id=\"pause\"");
        assertThat(admin.get("/accounts/default/library").body()).contains("upload-title");
        WebSession.Page paused = admin.htmxPost("/accounts/default/pause", Map.of());
        assertThat(paused.status()).isEqualTo(200);
        assertThat(paused.body()).contains("Paused default");
        assertThat(admin.htmxPost("/accounts/brand-a/pause", Map.of()).status()).isEqualTo(404);
        assertThat(scheduler.calls("POST", "/pause"))
                .singleElement()
                .satisfies(c -> assertThat(c.path()).isEqualTo("/api/accounts/default/pause"));
    }

    @Test
    void neither_an_account_admin_nor_a_member_reaches_users_operations_or_connect() {
        for (String email : List.of(MEMBER, ACCOUNT_ADMIN)) {
            WebSession session = signedIn(email, PASSWORD);
            for (String path : List.of("/users", "/users/1", "/operations", "/operations/dlq/x", "/connect")) {
                assertThat(session.getPage(path).status())
                        .as(email + " GET " + path)
                        .isEqualTo(403);
            }
            session.get("/calendar");
            assertThat(session.post("/users", Map.of("email", "x@example.com", "role", "admin"))
                            .status())
                    .isEqualTo(403);
            String nav = session.get("/calendar").body();
            assertThat(nav).doesNotContain("href=\"/users\"").doesNotContain("href=\"/operations\"");
        }
    }

    @Test
    void the_installation_admin_sees_and_runs_every_account() {
        WebSession admin = signedIn(ConsoleTestSetup.ADMIN, ConsoleTestSetup.ADMIN_PASSWORD);
        assertThat(admin.get("/accounts").body()).contains("Demo brand").contains("Brand A");
        assertThat(admin.get("/calendar?account=brand-a").status()).isEqualTo(200);
        admin.get("/accounts");
        admin.htmxPost("/accounts/brand-a/pause", Map.of());
        assertThat(scheduler.calls("GET", "/api/accounts/brand-a/slots")).isNotEmpty();
        assertThat(scheduler.calls("POST", "/api/accounts/brand-a/pause")).isNotEmpty();
        assertThat(admin.get("/calendar").body()).contains("href=\"/users\"");
    }

    @Test
    void a_role_granted_or_taken_counts_from_the_next_request_without_signing_in_again() {
        WebSession member = signedIn(MEMBER, PASSWORD);
        member.get("/accounts");
        assertThat(member.htmxPost("/accounts/default/pause", Map.of()).status())
                .isEqualTo(403);
        testUsers.users().grant(MEMBER, "default", Role.ADMIN);
        assertThat(member.htmxPost("/accounts/default/pause", Map.of()).status())
                .isEqualTo(200);
        jdbc.sql("delete from account_roles").update();
        assertThat(member.getPage("/accounts/default/schedule").status()).isEqualTo(404);
        assertThat(member.get("/accounts").body()).doesNotContain("Demo brand");
    }
}
