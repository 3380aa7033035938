package dev.storyline.console;

import static dev.storyline.console.ConsoleTestSetup.MEMBER;
import static dev.storyline.console.ConsoleTestSetup.MEMBER_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.storyline.testkit.fakes.FacebookRoutes;
import dev.storyline.testkit.fakes.FakeMeta;
import dev.storyline.testkit.fakes.InstagramRoutes;
import dev.storyline.testkit.fakes.QueryString;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Connect Instagram over real HTTP against Meta, the scheduler and token-worker faked at the wire: both login
 * types end to end, every refused callback (which changes nothing), the choice's checks, and Reconnect.
 */
@ConsolePageTest(member = true, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
class ConnectFlowTest {

    private static final int PORT = ConnectTestSetup.freePort();
    private static final FakeMeta META = new FakeMeta();
    private static final FakeTokenWorker TOKENS = new FakeTokenWorker();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        ConnectTestSetup.register(registry, PORT, META, TOKENS);
    }

    @TestConfiguration
    static class Clocks {
        @Bean
        @Primary
        ConnectTestSetup.MovableClock movableClock() {
            return new ConnectTestSetup.MovableClock();
        }
    }

    @AfterAll
    static void stopFakes() {
        META.close();
        TOKENS.close();
    }

    @Autowired
    ConnectTestSetup.MovableClock clock;

    @Autowired
    FakeSchedulerApi scheduler;

    @SignedIn
    WebSession admin;

    @BeforeEach
    void fresh() {
        META.reset();
        TOKENS.reset();
        clock.reset();
    }

    /** Starts a sign-in as the Connect page's link does; the answer is Meta's dialog URL. */
    private String start(String login, String account) {
        WebSession.Page page =
                admin.get("/connect/start?login=" + login + (account == null ? "" : "&account=" + account));
        assertThat(page.status()).as(page.body()).isEqualTo(302);
        return page.location();
    }

    /** The console's part of Meta's redirect: the callback path with its query, the fragment left out. */
    private static String back(String redirect) {
        URI uri = URI.create(redirect.replace("#_", ""));
        assertThat(uri.getHost() + ":" + uri.getPort()).isEqualTo("localhost:" + PORT);
        return uri.getRawPath() + "?" + uri.getRawQuery();
    }

    private void assertNothingChanged() {
        assertThat(scheduler.calls("POST", "/api/accounts")).isEmpty();
        assertThat(scheduler.calls("PATCH", "/api/accounts")).isEmpty();
        assertThat(TOKENS.puts()).isEmpty();
    }

    private static void assertRefused(WebSession.Page page, String says) {
        assertThat(page.status()).isEqualTo(400);
        assertThat(page.body()).contains("Not connected").contains(says).contains("Nothing was changed");
        assertNoToken(page.body());
    }

    private static void assertNoToken(String body) {
        assertThat(body)
                .doesNotContain(FakeMeta.IG_LONG_TOKEN)
                .doesNotContain(FakeMeta.FB_LONG_TOKEN)
                .doesNotContain(InstagramRoutes.SHORT_TOKEN)
                .doesNotContain(FacebookRoutes.SHORT_TOKEN)
                .doesNotContain(FakeMeta.APP_SECRET)
                .doesNotContain(FakeMeta.IG_APP_SECRET);
    }

    private static Map<String, String> choice(String instagramUserId, String accountId) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("instagramUserId", instagramUserId);
        form.put("accountId", accountId);
        form.put("displayName", "Brand on Instagram");
        form.put("mediaSubdir", "brand");
        form.put("windowStartHour", "8");
        form.put("windowEndHour", "22");
        form.put("timezone", "Europe/Berlin");
        return form;
    }

    @Test
    void instagram_login_creates_the_account_and_hands_the_long_lived_token_to_token_worker() {
        String dialog = start("instagram", null);
        assertThat(dialog).startsWith(META.url() + "/oauth/authorize?");
        Map<String, String> q = QueryString.parse(URI.create(dialog).getRawQuery());
        assertThat(q)
                .containsEntry("client_id", FakeMeta.IG_APP_ID)
                .containsEntry("redirect_uri", "http://localhost:" + PORT + "/connect/callback")
                .containsEntry("response_type", "code")
                .containsEntry("scope", "instagram_business_basic,instagram_business_content_publish");
        assertThat(q.get("state")).hasSizeGreaterThanOrEqualTo(40);

        WebSession.Page callback = admin.get(back(META.press(dialog, "allow")));
        assertThat(callback.status()).isEqualTo(302);
        assertThat(callback.location()).endsWith("/connect/choose");
        WebSession.Page choose = admin.get("/connect/choose");
        assertThat(choose.body())
                .contains("@brand_ig")
                .contains("17841400000000001")
                .contains("value=\"brand_ig\"")
                .contains("name=\"_csrf\"");
        assertNoToken(choose.body());

        WebSession.Page done = admin.post("/connect/finish", choice("17841400000000001", "brand"));
        assertThat(done.status()).as(done.body()).isEqualTo(302);
        assertThat(done.location()).endsWith("/accounts");
        assertThat(admin.get("/accounts").body()).contains("Connected @brand_ig to Storyline account &#39;brand&#39;");

        assertThat(scheduler.accountRoutes().added("brand"))
                .containsEntry("instagramUserId", "17841400000000001")
                .containsEntry("apiEnabled", true)
                .containsEntry("dryRun", false)
                .containsEntry("mediaSubdir", "brand")
                .containsEntry("windowStartHour", 8)
                .containsEntry("windowEndHour", 22)
                .containsEntry("timezone", "Europe/Berlin")
                .containsEntry("displayName", "Brand on Instagram");
        assertThat(TOKENS.puts()).singleElement().satisfies(put -> {
            assertThat(put.account()).isEqualTo("brand");
            assertThat(put.body().path("accessToken").asText()).isEqualTo(FakeMeta.IG_LONG_TOKEN);
            assertThat(put.body().path("loginType").asText()).isEqualTo("instagram_login");
            assertThat(put.body().path("instagramUserId").asText()).isEqualTo("17841400000000001");
            assertThat(java.time.Instant.parse(put.body().path("expiresAt").asText()))
                    .isBetween(
                            clock.instant().plusSeconds(FakeMeta.LONG_LIVED_SECONDS - 60),
                            clock.instant().plusSeconds(FakeMeta.LONG_LIVED_SECONDS + 60));
        });
        assertThat(META.calls("POST", "/oauth/access_token"))
                .singleElement()
                .satisfies(c -> assertThat(c.params())
                        .containsEntry("client_secret", FakeMeta.IG_APP_SECRET)
                        .containsEntry("grant_type", "authorization_code")
                        .containsEntry("redirect_uri", "http://localhost:" + PORT + "/connect/callback"));
        assertThat(META.calls("GET", "/access_token"))
                .singleElement()
                .satisfies(c -> assertThat(c.params())
                        .containsEntry("grant_type", "ig_exchange_token")
                        .containsEntry("access_token", InstagramRoutes.SHORT_TOKEN));
        assertThat(META.calls("GET", "/me"))
                .singleElement()
                .satisfies(c -> assertThat(c.params()).containsEntry("fields", "user_id,username"));
    }

    @Test
    void instagram_login_reads_the_code_answer_without_its_data_wrapper_too() {
        META.flatCodeAnswer();
        String dialog = start("instagram", null);
        assertThat(admin.get(back(META.press(dialog, "allow"))).location()).endsWith("/connect/choose");
        assertThat(admin.get("/connect/choose").body()).contains("@brand_ig");
    }

    @Test
    void facebook_login_lists_the_instagram_accounts_of_the_pages_and_connects_the_chosen_one() {
        String dialog = start("facebook", null);
        assertThat(dialog).startsWith(META.url() + "/" + FakeMeta.VERSION + "/dialog/oauth?");
        assertThat(QueryString.parse(URI.create(dialog).getRawQuery()))
                .containsEntry("client_id", FakeMeta.APP_ID)
                .containsEntry("response_type", "code")
                .containsEntry(
                        "scope",
                        "instagram_basic,instagram_content_publish,pages_show_list,pages_read_engagement,"
                                + "business_management");
        assertThat(admin.get(back(META.press(dialog, "allow"))).location()).endsWith("/connect/choose");
        String choose = admin.get("/connect/choose").body();
        assertThat(choose)
                .contains("@acme_coffee (Page Acme Coffee)")
                .contains("@acme_tea (Page Acme Tea)")
                .doesNotContain("Acme Jobs");

        Map<String, String> form = choice("17841400000000012", "acme-tea");
        form.put("dryRun", "on");
        form.put("displayName", "");
        assertThat(admin.post("/connect/finish", form).location()).endsWith("/accounts");
        assertThat(scheduler.accountRoutes().added("acme-tea"))
                .containsEntry("instagramUserId", "17841400000000012")
                .containsEntry("displayName", "acme_tea")
                .containsEntry("dryRun", true);
        assertThat(TOKENS.puts()).singleElement().satisfies(put -> {
            assertThat(put.body().path("accessToken").asText()).isEqualTo(FakeMeta.FB_LONG_TOKEN);
            assertThat(put.body().path("loginType").asText()).isEqualTo("facebook_login");
            assertThat(put.body().path("instagramUserId").asText()).isEqualTo("17841400000000012");
            assertThat(put.body().path("scopes").toString()).contains("instagram_content_publish");
        });
        String graph = "/" + FakeMeta.VERSION;
        assertThat(META.calls("GET", graph + "/oauth/access_token")).hasSize(2);
        assertThat(META.calls("GET", graph + "/oauth/access_token").get(1).params())
                .containsEntry("grant_type", "fb_exchange_token")
                .containsEntry("fb_exchange_token", FacebookRoutes.SHORT_TOKEN);
        assertThat(META.calls("GET", graph + "/me/permissions")).hasSize(1);
        assertThat(META.calls("GET", graph + "/me/accounts").getFirst().params())
                .containsEntry("fields", "name,instagram_business_account{id,username,profile_picture_url}");
    }

    @Test
    void a_callback_without_state_is_refused_and_changes_nothing() {
        String dialog = start("instagram", null);
        String callback = back(META.press(dialog, "allow")).replaceAll("&?state=[^&]*", "");
        assertRefused(admin.get(callback), "does not carry the state");
        assertNothingChanged();
        assertThat(META.calls("POST", "/oauth/access_token")).isEmpty();
    }

    @Test
    void a_callback_with_a_wrong_state_is_refused_and_changes_nothing() {
        String dialog = start("instagram", null);
        String callback = back(META.press(dialog, "allow")).replaceAll("state=[^&]*", "state=forged-by-someone-else");
        assertRefused(admin.get(callback), "does not carry the state");
        assertNothingChanged();
        assertThat(META.calls("POST", "/oauth/access_token")).isEmpty();
    }

    @Test
    void a_callback_in_another_persons_session_is_refused() {
        String callback = back(META.press(start("instagram", null), "allow"));
        WebSession other = new WebSession(PORT);
        other.signIn(ConsoleTestSetup.ADMIN, ConsoleTestSetup.ADMIN_PASSWORD);
        assertRefused(other.get(callback), "No Connect is waiting");
        assertNothingChanged();
    }

    @Test
    void a_reused_state_is_refused_and_changes_nothing_more() {
        String callback = back(META.press(start("instagram", null), "allow"));
        assertThat(admin.get(callback).status()).isEqualTo(302);
        assertRefused(admin.get(callback), "No Connect is waiting");
        assertThat(META.calls("POST", "/oauth/access_token")).hasSize(1);
        assertNothingChanged();
    }

    @Test
    void a_state_older_than_ten_minutes_is_refused_and_changes_nothing() {
        String dialog = start("instagram", null);
        clock.advance(Duration.ofMinutes(10).plusSeconds(5));
        assertRefused(admin.get(back(META.press(dialog, "allow"))), "longer than 10 minutes");
        assertNothingChanged();
        assertThat(META.calls("POST", "/oauth/access_token")).isEmpty();
    }

    @Test
    void cancelling_at_the_dialog_is_refused_and_changes_nothing() {
        String redirect = META.press(start("facebook", null), "cancel");
        assertThat(redirect).contains("error=access_denied").contains("error_reason=user_denied");
        assertRefused(admin.get(back(redirect)), "cancelled or refused (Permissions error)");
        assertNothingChanged();
    }

    @Test
    void a_code_meta_refuses_as_used_is_refused_and_changes_nothing() {
        String first = back(META.press(start("facebook", null), "allow"));
        String code = QueryString.parse(URI.create(first).getRawQuery()).get("code");
        admin.get(first);
        // a second sign-in, answered with the first one's code
        String second = back(META.press(start("facebook", null), "allow")).replaceAll("code=[^&]*", "code=" + code);
        assertRefused(admin.get(second), "used already or has expired");
        assertNothingChanged();
    }

    @Test
    void an_instagram_token_without_the_publish_permission_is_refused_and_changes_nothing() {
        META.declines("instagram_business_content_publish");
        assertRefused(
                admin.get(back(META.press(start("instagram", null), "allow"))),
                "did not grant instagram_business_content_publish");
        assertNothingChanged();
        assertThat(META.calls("GET", "/access_token")).isEmpty();
    }

    @Test
    void a_facebook_token_without_the_publish_permission_is_refused_and_changes_nothing() {
        META.declines("instagram_content_publish");
        assertRefused(
                admin.get(back(META.press(start("facebook", null), "allow"))),
                "did not grant instagram_content_publish");
        assertNothingChanged();
        assertThat(META.calls("GET", "/" + FakeMeta.VERSION + "/me/accounts")).isEmpty();
    }

    @Test
    void the_choice_is_checked_field_by_field_before_anything_is_created() {
        admin.get(back(META.press(start("instagram", null), "allow")));
        admin.get("/connect/choose");
        Map<String, String> bad = choice("17841400000000099", "Not An Id");
        bad.put("mediaSubdir", "../etc");
        bad.put("windowStartHour", "25");
        bad.put("timezone", "Mars/Olympus");
        WebSession.Page page = admin.post("/connect/finish", bad);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body())
                .contains("Instagram account: choose one of the accounts listed")
                .contains("Storyline account id: 1 to 63 lower-case letters")
                .contains("Media subfolder: one folder name")
                .contains("Window from: a whole hour from 0 to 23")
                .contains("Time zone: an IANA time zone");
        assertNoToken(page.body());
        assertNothingChanged();
    }

    @Test
    void connecting_another_instagram_user_to_an_existing_account_is_refused() {
        admin.get(back(META.press(start("instagram", null), "allow")));
        admin.get("/connect/choose");
        WebSession.Page page = admin.post("/connect/finish", choice("17841400000000001", "default"));
        assertThat(page.body())
                .contains("is connected to Instagram user id 17840000000000000 already")
                .contains("refused");
        assertNothingChanged();
    }

    @Test
    void an_unhealthy_token_offers_reconnect_which_replaces_the_token_of_the_same_account() {
        assertThat(admin.get("/accounts").body()).contains("Connect Instagram").doesNotContain("reconnect-default");
        TOKENS.tokenFails("default");
        String accounts = admin.get("/accounts").body();
        assertThat(accounts).contains("id=\"reconnect-default\"").contains("Reconnect (refresh failed)");
        assertThat(admin.get("/connect?account=default").body()).contains("Reconnect default");

        META.instagramUser("17840000000000000", "demo_brand");
        WebSession.Page back = admin.get(back(META.press(start("instagram", "default"), "allow")));
        assertThat(back.location()).endsWith("/accounts");
        assertThat(admin.get("/accounts").body()).contains("Reconnected &#39;default&#39;");
        assertThat(TOKENS.puts()).singleElement().satisfies(put -> {
            assertThat(put.account()).isEqualTo("default");
            assertThat(put.body().path("accessToken").asText()).isEqualTo(FakeMeta.IG_LONG_TOKEN);
            assertThat(put.body().path("instagramUserId").asText()).isEqualTo("17840000000000000");
        });
        assertThat(scheduler.calls("POST", "/api/accounts")).isEmpty();
        assertThat(admin.get("/accounts").body()).doesNotContain("reconnect-default");
    }

    @Test
    void reconnecting_with_a_different_instagram_user_is_refused_and_changes_nothing() {
        TOKENS.tokenFails("default");
        assertRefused(
                admin.get(back(META.press(start("instagram", "default"), "allow"))),
                "not the Instagram account of &#39;default&#39; (Instagram user id 17840000000000000)");
        assertNothingChanged();
    }

    @Test
    void the_redirect_uri_comes_from_the_public_url_not_from_the_request() {
        String dialog = start("facebook", null);
        // the request went to 127.0.0.1; the redirect names the configured public URL
        assertThat(QueryString.parse(URI.create(dialog).getRawQuery()))
                .containsEntry("redirect_uri", ConnectTestSetup.publicUrl(PORT) + "/connect/callback");
    }

    @Test
    void a_member_is_refused_every_connect_route_in_plain_words() {
        WebSession member = new WebSession(PORT);
        member.signIn(MEMBER, MEMBER_PASSWORD);
        for (String path : new String[] {
            "/connect", "/connect/start?login=instagram", "/connect/callback?code=x&state=y", "/connect/choose"
        }) {
            WebSession.Page page = member.get(path);
            assertThat(page.status()).as(path).isEqualTo(403);
            assertThat(page.body()).as(path).doesNotContain("Exception");
        }
        member.get("/accounts");
        assertThat(member.post("/connect/finish", choice("1", "x")).status()).isEqualTo(403);
        assertThat(member.get("/accounts").body()).doesNotContain("Connect Instagram");
        assertNothingChanged();
    }

    @Test
    void no_token_code_or_app_secret_reaches_a_log_line(org.springframework.boot.test.system.CapturedOutput output) {
        admin.get(back(META.press(start("instagram", null), "allow")));
        admin.get("/connect/choose");
        admin.post("/connect/finish", choice("17841400000000001", "brand"));
        String used = back(META.press(start("facebook", null), "allow"));
        admin.get(used);
        admin.get(back(META.press(start("facebook", null), "allow"))
                .replaceAll(
                        "code=[^&]*",
                        "code="
                                + QueryString.parse(URI.create(used).getRawQuery())
                                        .get("code")));
        assertThat(TOKENS.puts()).hasSize(1);
        assertThat(output.getAll()).contains("connected Instagram user 17841400000000001 to account brand");
        assertNoToken(output.getAll());
    }
}
