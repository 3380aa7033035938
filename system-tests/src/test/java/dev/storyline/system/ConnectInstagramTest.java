package dev.storyline.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.storyline.testkit.Eventually;
import dev.storyline.testkit.fakes.FacebookRoutes;
import dev.storyline.testkit.fakes.FakeMeta;
import java.awt.Color;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Connect Instagram with the real services: a person signs in to the console, connects an account through Meta's
 * dialog (faked at the wire), and that account's next story is published at the Graph fake with the token the
 * console handed to token-worker, not with any token from the environment.
 */
class ConnectInstagramTest {

    private static StorylineSystem system;

    @BeforeAll
    static void startTheSystem() {
        system = new StorylineSystem("connect_instagram")
                .withWireFakes()
                .withTokensFromTokenWorker()
                .withConsole();
        system.storyImage("brand/memes/first.jpg", Color.ORANGE);
        system.storyImage("coffee/memes/first.jpg", Color.DARK_GRAY);
        system.start(
                "scheduler-service",
                "upload-worker",
                "instagram-worker",
                "telegram-worker",
                "token-worker",
                "web-console");
    }

    @AfterAll
    static void stopTheSystem() {
        system.close();
    }

    @Test
    void an_account_connected_in_the_console_publishes_its_next_story_with_the_connected_token() {
        connect("instagram", FakeMeta.IG_USER, "brand");

        assertConnected("brand", FakeMeta.IG_USER, "instagram_login");
        assertNextStoryPublishedWith("brand", FakeMeta.IG_USER, FakeMeta.IG_LONG_TOKEN);
    }

    @Test
    void an_account_connected_with_facebook_login_publishes_its_next_story_with_the_connected_token() {
        connect("facebook", FacebookRoutes.COFFEE_IG_USER, "coffee");

        assertConnected("coffee", FacebookRoutes.COFFEE_IG_USER, "facebook_login");
        assertNextStoryPublishedWith("coffee", FacebookRoutes.COFFEE_IG_USER, FakeMeta.FB_LONG_TOKEN);
    }

    /** The person's way through: sign in, Connect, Meta's dialog, Allow, back to the console, choose, finish. */
    private static void connect(String login, String instagramUserId, String accountId) {
        ConsoleSession browser = new ConsoleSession(system.consoleUrl());
        ConsoleSession.Page signedIn = browser.signIn(StorylineSystem.CONSOLE_ADMIN, StorylineSystem.CONSOLE_PASSWORD);
        assertThat(signedIn.status()).as(signedIn.body()).isEqualTo(302);
        assertThat(signedIn.location()).doesNotContain("error");

        ConsoleSession.Page start = browser.get("/connect/start?login=" + login);
        assertThat(start.status()).as(start.body()).isEqualTo(302);
        String dialogUrl = start.location();
        assertThat(dialogUrl).startsWith(system.meta.url());

        ConsoleSession.Page dialog = browser.get(dialogUrl);
        assertThat(dialog.status()).as(dialog.body()).isEqualTo(200);
        assertThat(dialog.body()).contains("Allow");
        String back = system.meta.press(dialogUrl, "allow");
        assertThat(back).startsWith(system.consoleUrl() + "/connect/callback?");

        ConsoleSession.Page callback = browser.get(back);
        assertThat(callback.status()).as(callback.body()).isEqualTo(302);
        assertThat(callback.location()).endsWith("/connect/choose");
        ConsoleSession.Page choose = browser.get("/connect/choose");
        assertThat(choose.status()).as(choose.body()).isEqualTo(200);
        assertThat(choose.body()).contains(instagramUserId);

        Map<String, String> choice = new LinkedHashMap<>();
        choice.put("instagramUserId", instagramUserId);
        choice.put("accountId", accountId);
        choice.put("displayName", accountId + " on Instagram");
        choice.put("mediaSubdir", accountId);
        choice.put("windowStartHour", "8");
        choice.put("windowEndHour", "22");
        choice.put("timezone", "UTC");
        ConsoleSession.Page done = browser.post("/connect/finish", choice);
        assertThat(done.status()).as(done.body()).isEqualTo(302);
        assertThat(done.location()).endsWith("/accounts");
        assertThat(browser.get("/accounts").body()).contains("Connected").doesNotContain(FakeMeta.IG_LONG_TOKEN);
    }

    private static void assertConnected(
            String accountId, String instagramUserId, String loginType) { // token-worker's wire name of the login type
        JsonNode account = system.admin("GET", "/api/accounts/" + accountId);
        assertThat(account.path("instagramUserId").asText()).isEqualTo(instagramUserId);
        if (!account.path("apiEnabled").asBoolean()) {
            system.admin("PUT", "/api/accounts/" + accountId + "/api", Map.of("enabled", "on"));
        }

        JsonNode token = system.adminOf("token-worker", "GET", "/api/accounts/" + accountId + "/token", null);
        assertThat(token.path("valid").asBoolean()).as(token.toString()).isTrue();
        assertThat(token.path("loginType").asText()).isEqualTo(loginType);
        assertThat(token.path("instagramUserId").asText()).isEqualTo(instagramUserId);
        assertThat(token.toString())
                .as("token health never shows the token")
                .doesNotContain(FakeMeta.IG_LONG_TOKEN)
                .doesNotContain(FakeMeta.FB_LONG_TOKEN);
    }

    private static void assertNextStoryPublishedWith(String accountId, String instagramUserId, String token) {
        system.admin("POST", "/api/accounts/" + accountId + "/media/index");
        Eventually.await(
                Duration.ofSeconds(30),
                "media of " + accountId + " indexed",
                () -> system.admin("GET", "/api/accounts/" + accountId + "/media")
                                .size()
                        == 1);
        String postId = system.admin("POST", "/api/accounts/" + accountId + "/post-next")
                .get("postId")
                .asText();

        JsonNode history = Eventually.await(
                Duration.ofSeconds(60),
                "history of " + postId,
                () -> system.admin("GET", "/api/accounts/" + accountId + "/history"),
                h -> h.size() > 0 && !h.get(0).path("status").asText().isEmpty());
        JsonNode entry = history.get(0);
        assertThat(entry.path("postId").asText()).isEqualTo(postId);
        assertThat(entry.path("status").asText()).as(entry.toString()).isEqualTo("PUBLISHED");
        assertThat(entry.path("dryRun").asBoolean()).isFalse();

        assertThat(system.graph.count(instagramUserId, "publish")).isEqualTo(1);
        assertThat(system.graph.tokensUsed(instagramUserId))
                .as("every Graph call for the connected account carried the connected token")
                .isNotEmpty()
                .containsOnly(token);
    }
}
