package dev.storyline.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storyline.console.signin.Role;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The Users page and the own-password page over real HTTP with plain form posts (no JavaScript): adding a
 * user, refusals named by field, the last installation admin kept, disabling that ends a live session, new
 * passwords set by an admin or by the person themselves.
 */
@ConsolePageTest
class UsersPageTest {

    private static final String MEMBER = "mia@example.com";
    private static final String MEMBER_PASSWORD = "mia-password-for-the-tests";
    private static final Pattern GENERATED =
            Pattern.compile("id=\"generated-password\">.*?<code>([^<]+)</code>", Pattern.DOTALL);

    @LocalServerPort
    int port;

    @Autowired
    TestUsers testUsers;

    @Autowired
    JdbcClient jdbc;

    private WebSession admin;

    @BeforeEach
    void onlyTheFirstAdminAndOneMember() {
        jdbc.sql("delete from users where email <> :e")
                .param("e", ConsoleTestSetup.ADMIN)
                .update();
        jdbc.sql("update users set role = 'ADMIN', enabled = true where email = :e")
                .param("e", ConsoleTestSetup.ADMIN)
                .update();
        jdbc.sql("delete from sign_in_failures").update();
        testUsers.add(MEMBER, MEMBER_PASSWORD, "default", Role.MEMBER);
        admin = new WebSession(port);
        admin.signIn(ConsoleTestSetup.ADMIN, ConsoleTestSetup.ADMIN_PASSWORD);
    }

    private long id(String email) {
        return jdbc.sql("select id from users where email = :e")
                .param("e", email)
                .query(Long.class)
                .single();
    }

    private static Map<String, String> form(String... pairs) {
        Map<String, String> form = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            form.put(pairs[i], pairs[i + 1]);
        }
        return form;
    }

    @Test
    void the_page_lists_users_with_their_roles_and_state_and_offers_every_account() {
        WebSession.Page page = admin.get("/users");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body())
                .contains(ConsoleTestSetup.ADMIN)
                .contains("installation admin")
                .contains(MEMBER)
                .contains("default (member)")
                .contains("enabled")
                .contains("name=\"account.default\"")
                .contains("Demo brand")
                .contains("name=\"_csrf\"");
        assertThat(admin.get("/calendar").body()).contains("href=\"/users\"");
    }

    @Test
    void an_admin_adds_a_member_of_one_account_with_a_typed_password_who_then_runs_that_account() {
        admin.get("/users");
        WebSession.Page added = admin.post(
                "/users",
                form(
                        "email", "  Noor@Example.COM ",
                        "role", "member",
                        "account.default", "admin",
                        "password", "noor-typed-password",
                        "confirm", "noor-typed-password"));
        assertThat(added.status()).isEqualTo(302);
        assertThat(added.location()).endsWith("/users");
        assertThat(admin.get("/users").body())
                .contains("Added noor@example.com (admin of default).")
                .contains("noor@example.com")
                .contains("default (admin)");
        WebSession noor = new WebSession(port);
        assertThat(noor.signIn("noor@example.com", "noor-typed-password").location())
                .endsWith("/calendar");
        noor.get("/accounts");
        assertThat(noor.htmxPost("/accounts/default/pause", Map.of()).status()).isEqualTo(200);
    }

    @Test
    void a_generated_first_password_is_shown_once_and_works() {
        admin.get("/users");
        WebSession.Page added =
                admin.post("/users", form("email", "gen@example.com", "role", "admin", "generate", "on"));
        assertThat(added.location()).endsWith("/users");
        String page = admin.get("/users").body();
        Matcher shown = GENERATED.matcher(page);
        assertThat(shown.find()).as(page).isTrue();
        String password = shown.group(1);
        assertThat(password).hasSize(20);
        assertThat(admin.get("/users").body()).as("shown only once").doesNotContain(password);
        assertThat(jdbc.sql("select password_hash from users where email = 'gen@example.com'")
                        .query(String.class)
                        .single())
                .doesNotContain(password);
        WebSession gen = new WebSession(port);
        assertThat(gen.signIn("gen@example.com", password).location()).endsWith("/calendar");
        assertThat(gen.get("/users").status()).as("added as installation admin").isEqualTo(200);
    }

    @Test
    void every_refusal_names_its_field_and_the_form_comes_back_as_sent_without_the_passwords() {
        admin.get("/users");
        WebSession.Page refused = admin.post(
                "/users",
                form(
                        "email", "not-an-email",
                        "role", "owner",
                        "account.default", "boss",
                        "account.Brand A", "member",
                        "password", "short",
                        "confirm", "short"));
        assertThat(refused.status()).isEqualTo(200);
        assertThat(refused.body())
                .contains("id=\"email-error\"")
                .contains("Enter an email address like ann@example.com")
                .contains("value=\"not-an-email\"")
                .contains("id=\"role-error\"")
                .contains("Choose admin (the whole installation) or member")
                .contains("id=\"account.default-error\"")
                .contains("Choose none, member or admin for default.")
                .contains("Brand A: Not an account id: 1 to 63 lower-case letters, digits, - or _.")
                .contains("id=\"password-error\"")
                .contains("Too short: at least 12 characters.")
                .doesNotContain("value=\"short\"")
                .doesNotContain("Exception");
        WebSession.Page differ = admin.post(
                "/users",
                form(
                        "email",
                        "ok@example.com",
                        "role",
                        "member",
                        "password",
                        "long-enough-password",
                        "confirm",
                        "long-enough-passwort"));
        assertThat(differ.body()).contains("id=\"confirm-error\"").contains("The two passwords differ");
        WebSession.Page tooLong = admin.post(
                "/users",
                form(
                        "email",
                        "ok@example.com",
                        "role",
                        "member",
                        "password",
                        "x".repeat(73),
                        "confirm",
                        "x".repeat(73)));
        assertThat(tooLong.body()).contains("Too long: at most 72 bytes");
        WebSession.Page taken =
                admin.post("/users", form("email", " MIA@example.com", "role", "member", "generate", "on"));
        assertThat(taken.body()).contains("id=\"email-error\"").contains("There is a user with this email already.");
        assertThat(jdbc.sql("select count(*) from users").query(Integer.class).single())
                .isEqualTo(2);
    }

    @Test
    void a_user_id_that_is_not_one_is_a_plain_404() {
        for (String id : List.of("x", "-1", "0", "99999999999999999999999", "424242", "1%20")) {
            WebSession.Page page = admin.getPage("/users/" + id);
            assertThat(page.status()).as(id).isEqualTo(404);
            assertThat(page.body()).as(id).doesNotContain("Exception");
        }
        assertThat(admin.getPage("/users/424242").body()).contains("There is no user “424242”");
        admin.get("/users");
        assertThat(admin.post("/users/424242/enabled", form("enabled", "false")).status())
                .isEqualTo(404);
    }

    @Test
    void roles_are_changed_and_count_for_the_users_next_request() {
        WebSession mia = new WebSession(port);
        mia.signIn(MEMBER, MEMBER_PASSWORD);
        assertThat(mia.get("/accounts").body()).contains("Demo brand");
        long id = id(MEMBER);
        admin.get("/users/" + id);
        WebSession.Page changed =
                admin.post("/users/" + id + "/roles", form("role", "member", "account.default", "none"));
        assertThat(changed.location()).endsWith("/users/" + id);
        assertThat(admin.get("/users/" + id).body()).contains("mia@example.com is now member of no account yet.");
        assertThat(mia.get("/accounts").body()).doesNotContain("Demo brand");
        assertThat(mia.getPage("/accounts/default/schedule").status()).isEqualTo(404);
        admin.post("/users/" + id + "/roles", form("role", "admin"));
        assertThat(mia.get("/users").status()).isEqualTo(200);
    }

    @Test
    void the_last_enabled_installation_admin_is_neither_demoted_nor_disabled() {
        long first = id(ConsoleTestSetup.ADMIN);
        admin.get("/users/" + first);
        WebSession.Page demoted = admin.post("/users/" + first + "/roles", form("role", "member"));
        assertThat(demoted.status()).isEqualTo(200);
        assertThat(demoted.body())
                .contains("id=\"role-error\"")
                .contains("admin@example.com is the last enabled installation admin")
                .contains("make another user an installation admin first");
        WebSession.Page disabled = admin.post("/users/" + first + "/enabled", form("enabled", "false"));
        assertThat(disabled.body()).contains("id=\"enabled-error\"").contains("is the last enabled installation admin");
        assertThat(testUsers.users().find(ConsoleTestSetup.ADMIN).orElseThrow())
                .satisfies(u -> assertThat(u.role()).isEqualTo(Role.ADMIN))
                .satisfies(u -> assertThat(u.enabled()).isTrue());
        // a disabled admin is no help: still the last enabled one
        admin.post("/users/" + id(MEMBER) + "/roles", form("role", "admin"));
        admin.post("/users/" + id(MEMBER) + "/enabled", form("enabled", "false"));
        assertThat(admin.post("/users/" + first + "/roles", form("role", "member"))
                        .body())
                .contains("is the last enabled installation admin");
        // with a second enabled admin the first may step down
        admin.post("/users/" + id(MEMBER) + "/enabled", form("enabled", "true"));
        assertThat(admin.post("/users/" + first + "/roles", form("role", "member"))
                        .status())
                .isEqualTo(302);
        assertThat(admin.getPage("/users").status())
                .as("the demotion counts at once")
                .isEqualTo(403);
    }

    @Test
    void disabling_a_user_ends_their_open_session_on_its_next_request() {
        WebSession mia = new WebSession(port);
        mia.signIn(MEMBER, MEMBER_PASSWORD);
        assertThat(mia.get("/calendar").status()).isEqualTo(200);
        long id = id(MEMBER);
        admin.get("/users/" + id);
        assertThat(admin.post("/users/" + id + "/enabled", form("enabled", "false"))
                        .location())
                .endsWith("/users/" + id);
        assertThat(admin.get("/users/" + id).body()).contains("is disabled").contains(">disabled<");
        WebSession.Page next = mia.get("/calendar");
        assertThat(next.status()).isEqualTo(302);
        assertThat(next.location()).endsWith("/login");
        assertThat(mia.getFragment("/fragments/manual").status()).isEqualTo(401);
        assertThat(new WebSession(port).signIn(MEMBER, MEMBER_PASSWORD).location())
                .endsWith("/login?error");
        admin.post("/users/" + id + "/enabled", form("enabled", "true"));
        assertThat(new WebSession(port).signIn(MEMBER, MEMBER_PASSWORD).location())
                .endsWith("/calendar");
        assertThat(admin.post("/users/" + id + "/enabled", form("enabled", "maybe"))
                        .body())
                .contains("Send enabled=true to enable or enabled=false to disable.");
    }

    @Test
    void an_admin_sets_a_new_password_typed_or_generated() {
        long id = id(MEMBER);
        admin.get("/users/" + id);
        assertThat(admin.post("/users/" + id + "/password", form("password", "short", "confirm", "short"))
                        .body())
                .contains("id=\"password-error\"");
        assertThat(admin.post(
                                "/users/" + id + "/password",
                                form("password", "mia-new-password-1", "confirm", "mia-new-password-1"))
                        .location())
                .endsWith("/users/" + id);
        assertThat(admin.get("/users/" + id).body()).contains("New password set for mia@example.com.");
        assertThat(new WebSession(port).signIn(MEMBER, MEMBER_PASSWORD).location())
                .endsWith("/login?error");
        assertThat(new WebSession(port).signIn(MEMBER, "mia-new-password-1").location())
                .endsWith("/calendar");
        assertThat(admin.post("/users/" + id + "/password", form("generate", "on"))
                        .location())
                .endsWith("/users/" + id);
        String page = admin.get("/users/" + id).body();
        Matcher shown = GENERATED.matcher(page);
        assertThat(shown.find()).as(page).isTrue();
        assertThat(new WebSession(port).signIn(MEMBER, shown.group(1)).location())
                .endsWith("/calendar");
    }

    @Test
    void anyone_changes_their_own_password_after_giving_the_current_one() {
        WebSession mia = new WebSession(port);
        mia.signIn(MEMBER, MEMBER_PASSWORD);
        assertThat(mia.get("/calendar").body()).contains("href=\"/password\"");
        WebSession.Page page = mia.get("/password");
        assertThat(page.status()).isEqualTo(200);
        WebSession.Page wrong = mia.post(
                "/password",
                form("current", "not-it", "password", "mia-changed-password", "confirm", "mia-changed-password"));
        assertThat(wrong.body()).contains("id=\"current-error\"").contains("That is not your current password.");
        WebSession.Page same = mia.post(
                "/password", form("current", MEMBER_PASSWORD, "password", MEMBER_PASSWORD, "confirm", MEMBER_PASSWORD));
        assertThat(same.body()).contains("The new password is the current one");
        WebSession.Page changed = mia.post(
                "/password",
                form(
                        "current",
                        MEMBER_PASSWORD,
                        "password",
                        "mia-changed-password",
                        "confirm",
                        "mia-changed-password"));
        assertThat(changed.location()).endsWith("/password");
        assertThat(mia.get("/password").body()).contains("Your password is changed");
        assertThat(new WebSession(port).signIn(MEMBER, MEMBER_PASSWORD).location())
                .endsWith("/login?error");
        assertThat(new WebSession(port).signIn(MEMBER, "mia-changed-password").location())
                .endsWith("/calendar");
        WebSession signedOut = new WebSession(port);
        signedOut.get("/login");
        assertThat(signedOut.post("/password", form("current", "x")).status()).isEqualTo(401);
    }
}
