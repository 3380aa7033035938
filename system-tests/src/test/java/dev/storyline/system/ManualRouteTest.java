package dev.storyline.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.storyline.telegram.manual.CallbackData;
import dev.storyline.testkit.Eventually;
import dev.storyline.testkit.fakes.FakeBotApi;
import dev.storyline.testkit.fakes.FakeGraphApi.Reply;
import java.awt.Color;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The manual route end to end, five processes against the Graph API and Bot API fakes: every kind of
 * API failure and content that needs a person reach the team's Telegram chat with the reason, and
 * the buttons pressed there land in the scheduler's history and locks. One account per case, each
 * with its own Instagram user id at the Graph fake, so the cases do not disturb each other.
 */
class ManualRouteTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static StorylineSystem system;

    @BeforeAll
    static void start() {
        system = new StorylineSystem("manual_route").withWireFakes();
        system.start("scheduler-service", "upload-worker", "instagram-worker", "telegram-worker");
    }

    @AfterAll
    static void stop() {
        system.close();
    }

    @Test
    void a_rejected_medium_goes_to_telegram_with_metas_reason_and_posted_is_recorded_as_a_manual_post() {
        String ig = "1784100000001";
        system.graph.account(ig).containerEndsIn("ERROR", "Error: The aspect ratio is not supported.");
        UUID post = postNextOf(account("media-rejected", ig));

        FakeBotApi.Call message = manualMessage(post);
        assertThat(message.param("caption")).contains("account media-rejected").contains("aspect ratio");
        assertThat(system.graph.count(ig, "publish")).isZero();

        tap(StorylineSystem.MEMBER_USER, "mia", CallbackData.Action.POSTED, post);
        JsonNode entry = awaitHistory("media-rejected", post);
        assertThat(entry.get("status").asText()).isEqualTo("POSTED_MANUALLY");
        assertThat(entry.get("method").asText()).isEqualTo("telegram_manual");
        assertThat(entry.get("postedBy").asText()).isEqualTo("mia");
        assertThat(lockOf("media-rejected").get("reason").asText()).isEqualTo("POSTED");
        assertThat(slotStatus(post)).isEqualTo("RESOLVED");
    }

    @Test
    void a_rate_limited_account_falls_back_rests_its_api_and_skip_locks_the_medium_for_a_while() {
        String ig = "1784100000002";
        system.graph
                .account(ig)
                .failCreate(1, Reply.error(400, "OAuthException", 4, null, "Application request limit reached", false));
        UUID post = postNextOf(account("rate-limited", ig));

        assertThat(manualMessage(post).param("caption")).containsIgnoringCase("rate");
        Eventually.await(
                WAIT,
                "the API of rate-limited rests",
                () -> !accountInfo("rate-limited").get("apiPausedUntil").isNull());

        tap(StorylineSystem.MEMBER_USER, "mia", CallbackData.Action.SKIPPED, post);
        assertThat(awaitHistory("rate-limited", post).get("status").asText()).isEqualTo("SKIPPED");
        JsonNode lock = lockOf("rate-limited");
        assertThat(lock.get("reason").asText()).isEqualTo("SKIPPED");
        assertThat(lock.get("permanent").asBoolean()).isFalse();

        // While the API rests, the next post of this account goes to Telegram without touching Meta.
        system.storyImage("rate-limited/memes/second.jpg", Color.ORANGE);
        system.admin("POST", "/api/accounts/rate-limited/media/index");
        long creates = system.graph.count(ig, "create");
        UUID second = UUID.fromString(system.admin("POST", "/api/accounts/rate-limited/post-next")
                .get("postId")
                .asText());
        manualMessage(second);
        assertThat(system.graph.count(ig, "create")).isEqualTo(creates);

        // /status in the chat shows the resting API, from the scheduler's own view.
        system.telegram.say(
                StorylineSystem.ADMIN_USER, "ada", Long.parseLong(StorylineSystem.TEAM_CHAT), "/status rate-limited");
        FakeBotApi.Call status = Eventually.awaitValue(
                WAIT,
                "the /status answer",
                () -> system
                        .telegram
                        .calls(c -> c.method().equals("sendMessage")
                                && String.valueOf(c.param("text")).contains("📊 rate-limited"))
                        .stream()
                        .findFirst());
        assertThat(status.param("text")).contains("resting until");
    }

    @Test
    void an_expired_token_sends_the_post_to_telegram_marks_the_token_unhealthy_and_reject_locks_for_good() {
        String ig = "1784100000003";
        system.graph.account(ig).failCreate(1, Reply.expiredToken());
        UUID post = postNextOf(account("token-expired", ig));

        assertThat(manualMessage(post).param("caption")).containsIgnoringCase("token");
        Eventually.await(
                WAIT,
                "the token of token-expired is unhealthy",
                () -> !accountInfo("token-expired").get("tokenHealthy").asBoolean());

        tap(StorylineSystem.ADMIN_USER, "ada", CallbackData.Action.ASK_REJECT, post);
        Eventually.await(
                WAIT,
                "the reject confirmation",
                () -> !system.telegram
                        .calls(c -> c.method().startsWith("edit")
                                && String.valueOf(c.param("reply_markup"))
                                        .contains(new CallbackData(CallbackData.Action.CONFIRM_REJECT, post).encode()))
                        .isEmpty());
        assertThat(system.admin("GET", "/api/accounts/token-expired/history").size())
                .as("nothing decided before confirming")
                .isZero();
        tap(StorylineSystem.ADMIN_USER, "ada", CallbackData.Action.CONFIRM_REJECT, post);

        assertThat(awaitHistory("token-expired", post).get("status").asText()).isEqualTo("REJECTED");
        JsonNode lock = lockOf("token-expired");
        assertThat(lock.get("reason").asText()).isEqualTo("REJECTED");
        assertThat(lock.get("permanent").asBoolean()).isTrue();
    }

    @Test
    void an_api_outage_is_retried_then_handed_to_telegram() {
        String ig = "1784100000004";
        system.graph
                .account(ig)
                .failCreate(50, Reply.error(500, "OAuthException", 2, null, "Service temporarily unavailable", true));
        UUID post = postNextOf(account("api-down", ig));

        FakeBotApi.Call message = manualMessage(post);
        assertThat(system.graph.count(ig, "create"))
                .as("retried before giving up")
                .isGreaterThan(1);
        assertThat(system.graph.count(ig, "publish")).isZero();
        assertThat(message.param("caption")).contains("account api-down");

        tap(StorylineSystem.ADMIN_USER, "ada", CallbackData.Action.POSTED, post);
        assertThat(awaitHistory("api-down", post).get("postedBy").asText()).isEqualTo("ada");
    }

    @Test
    void content_that_needs_stickers_goes_straight_to_telegram_and_never_to_meta() {
        String ig = "1784100000005";
        account("needs-touch", ig);
        JsonNode media = system.admin("GET", "/api/accounts/needs-touch/media").get(0);
        system.admin(
                "PATCH",
                "/api/accounts/needs-touch/media/" + media.get("id").asText(),
                Map.of("requiresInteraction", true, "link", "https://shop.example.com/drop"));
        UUID post = UUID.fromString(system.admin("POST", "/api/accounts/needs-touch/post-next")
                .get("postId")
                .asText());

        assertThat(manualMessage(post).param("caption"))
                .contains("Needs stickers")
                .contains("https://shop.example.com/drop");
        assertThat(system.graph.calls(ig)).isEmpty();

        tap(StorylineSystem.MEMBER_USER, "mia", CallbackData.Action.POSTED, post);
        assertThat(awaitHistory("needs-touch", post).get("method").asText()).isEqualTo("telegram_manual");
    }

    @Test
    void a_post_resolved_through_the_admin_api_shows_on_its_telegram_message_and_a_later_tap_is_refused() {
        String ig = "1784100000008";
        system.graph.account(ig).containerEndsIn("ERROR", "Error: unsupported media");
        UUID post = postNextOf(account("web-resolve", ig));
        manualMessage(post);

        system.admin(
                "POST",
                "/api/accounts/web-resolve/posts/" + post + "/resolve",
                Map.of("action", "posted", "by", "ana@brand.com", "via", "web-console"));
        FakeBotApi.Call edit = Eventually.awaitValue(
                WAIT,
                "the message of post " + post + " edited",
                () -> system.telegram.calls("editMessageCaption").stream()
                        .filter(c -> c.param("caption").contains("on the web console"))
                        .findFirst());
        assertThat(edit.param("caption")).contains("✅ Posted by ana@brand.com on the web console");
        assertThat(edit.param("reply_markup")).isNull();

        tap(StorylineSystem.MEMBER_USER, "mia", CallbackData.Action.SKIPPED, post);
        Eventually.await(
                WAIT,
                "the late tap is refused",
                () -> system.telegram
                                .calls(c -> c.method().equals("answerCallbackQuery")
                                        && String.valueOf(c.param("text"))
                                                .startsWith("Already resolved by ana@brand.com on the web console"))
                                .size()
                        == 1);
        assertThat(awaitHistory("web-resolve", post).get("postedBy").asText()).isEqualTo("ana@brand.com");
        assertThat(system.telegram.calls("editMessageCaption").stream()
                        .filter(c -> c.param("caption").contains("on the web console")))
                .hasSize(1);
    }

    @Test
    void a_stranger_pressing_a_button_changes_nothing() {
        String ig = "1784100000006";
        system.graph.account(ig).containerEndsIn("ERROR", "Error: unsupported media");
        UUID post = postNextOf(account("stranger", ig));
        manualMessage(post);

        tap(999, "mallory", CallbackData.Action.POSTED, post);
        Eventually.await(
                WAIT,
                "the stranger's tap is answered",
                () -> system.telegram
                                .calls(c -> c.method().equals("answerCallbackQuery")
                                        && "true".equals(c.param("show_alert")))
                                .size()
                        > 0);
        assertThat(system.admin("GET", "/api/accounts/stranger/history").size()).isZero();
        assertThat(slotStatus(post)).isEqualTo("MANUAL_PENDING");
    }

    @Test
    void auto_post_hands_a_post_routed_to_telegram_back_to_the_api_once_the_api_is_on_again() {
        String ig = "1784100000007";
        account("hand-back", ig);
        system.admin("PUT", "/api/accounts/hand-back/api", Map.of("enabled", false));
        UUID post = postNextOf("hand-back");
        FakeBotApi.Call message = manualMessage(post);
        String autoPost = new CallbackData(CallbackData.Action.AUTO_POST, post).encode();
        assertThat(message.param("reply_markup")).contains("Auto post", autoPost);

        String refused = system.telegram.tap(StorylineSystem.MEMBER_USER, "mia", autoPost, message);
        FakeBotApi.Call answer = Eventually.awaitValue(
                WAIT,
                "the refusal",
                () -> system
                        .telegram
                        .calls(c -> c.method().equals("answerCallbackQuery")
                                && refused.equals(c.param("callback_query_id")))
                        .stream()
                        .findFirst());
        assertThat(answer.param("text")).contains("API posting is off");

        system.admin("PUT", "/api/accounts/hand-back/api", Map.of("enabled", true));
        system.telegram.tap(StorylineSystem.MEMBER_USER, "mia", autoPost, message);

        JsonNode entry = awaitHistory("hand-back", post);
        assertThat(entry.get("status").asText()).isEqualTo("PUBLISHED");
        assertThat(entry.get("method").asText()).isEqualTo("instagram_api");
        assertThat(system.graph.count(ig, "publish")).isEqualTo(1);
        assertThat(slotStatus(post)).isEqualTo("PUBLISHED");
        assertThat(system.telegram.messagesWith(new CallbackData(CallbackData.Action.POSTED, post).encode()))
                .hasSize(1);
    }

    // ---- helpers -----------------------------------------------------------------------------

    /** A new account with one story-ready image in its own media folder, indexed. */
    private static String account(String id, String instagramUserId) {
        system.storyImage(id + "/memes/first.jpg", Color.getHSBColor(Math.abs(id.hashCode()) % 360 / 360f, 0.6f, 0.8f));
        Map<String, Object> account = new LinkedHashMap<>();
        account.put("id", id);
        account.put("displayName", id);
        account.put("instagramUserId", instagramUserId);
        account.put("apiEnabled", true);
        account.put("dryRun", false);
        account.put("tokenHealthy", true);
        account.put("paused", false);
        account.put("mediaSubdir", id);
        account.put("postsPerDay", 0);
        account.put("windowStartHour", 0);
        account.put("windowEndHour", 24);
        account.put("timezone", "UTC");
        account.put("jitterMinutes", 0);
        system.admin("POST", "/api/accounts", account);
        system.admin("POST", "/api/accounts/" + id + "/media/index");
        return id;
    }

    private static UUID postNextOf(String account) {
        return UUID.fromString(system.admin("POST", "/api/accounts/" + account + "/post-next")
                .get("postId")
                .asText());
    }

    /** The one manual-post message the team got for this post (waits for it; never two). */
    private static FakeBotApi.Call manualMessage(UUID post) {
        String posted = new CallbackData(CallbackData.Action.POSTED, post).encode();
        FakeBotApi.Call message = Eventually.awaitValue(
                WAIT,
                "a Telegram message for post " + post,
                () -> system.telegram.messagesWith(posted).stream().findFirst());
        assertThat(message.param("chat_id")).isEqualTo(StorylineSystem.TEAM_CHAT);
        assertThat(system.telegram.messagesWith(posted)).hasSize(1);
        return message;
    }

    private static void tap(long user, String username, CallbackData.Action action, UUID post) {
        String data = new CallbackData(action, post).encode();
        FakeBotApi.Call message = system.telegram
                .messagesWith(new CallbackData(CallbackData.Action.POSTED, post).encode())
                .getFirst();
        system.telegram.tap(user, username, data, message);
    }

    private static JsonNode awaitHistory(String account, UUID post) {
        return Eventually.awaitValue(
                WAIT,
                "post " + post + " in the history of " + account,
                () -> StreamSupport.stream(
                                system.admin("GET", "/api/accounts/" + account + "/history")
                                        .spliterator(),
                                false)
                        .filter(e -> e.get("postId").asText().equals(post.toString()))
                        .findFirst());
    }

    private static JsonNode lockOf(String account) {
        List<JsonNode> locks = StreamSupport.stream(
                        system.admin("GET", "/api/accounts/" + account + "/locks")
                                .spliterator(),
                        false)
                .toList();
        assertThat(locks).hasSize(1);
        return locks.getFirst();
    }

    private static JsonNode accountInfo(String account) {
        return StreamSupport.stream(system.admin("GET", "/api/accounts").spliterator(), false)
                .filter(a -> a.get("id").asText().equals(account))
                .findFirst()
                .orElseThrow();
    }

    private static String slotStatus(UUID post) {
        return system.infra
                .jdbc("scheduler")
                .sql("select status from slots where id = :p")
                .param("p", post)
                .query(String.class)
                .single();
    }
}
