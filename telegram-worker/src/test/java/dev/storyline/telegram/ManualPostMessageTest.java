package dev.storyline.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.storyline.contracts.events.EventEnvelope;
import dev.storyline.contracts.events.FallbackReason;
import dev.storyline.contracts.events.FallbackRequested;
import dev.storyline.contracts.events.PostFailed;
import dev.storyline.contracts.events.PostRequested;
import dev.storyline.telegram.manual.CallbackData;
import dev.storyline.testkit.EventTap;
import dev.storyline.testkit.Eventually;
import dev.storyline.testkit.Isolated;
import dev.storyline.testkit.IsolatedInfrastructure;
import dev.storyline.testkit.fakes.FakeBotApi;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@TelegramTest
class ManualPostMessageTest {

    static final String TOKEN = "123456:TEST-token";
    static final String CHANNEL = "-1001234567890";
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String BRAND_B_CHAT = "-1007777";
    private static final FakeBotApi telegram = new FakeBotApi(TOKEN);
    private static final Isolated infra = IsolatedInfrastructure.forClass(ManualPostMessageTest.class);
    private static final EventTap events = EventTap.on(infra, "post.failed");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        telegramProperties(registry, telegram);
    }

    /** The worker as configured for these tests: fast retries, short polls, the fake's URL. */
    static void telegramProperties(DynamicPropertyRegistry registry, FakeBotApi fake) {
        telegramSettings(fake).forEach((key, value) -> registry.add(key, () -> value));
    }

    /** The worker with its commands and buttons calling a scheduler fake with this admin token. */
    static void telegramProperties(
            DynamicPropertyRegistry registry, FakeBotApi fake, FakeScheduler scheduler, String adminToken) {
        telegramProperties(registry, fake);
        registry.add("storyline.admin.token", () -> adminToken);
        registry.add("storyline.telegram.scheduler.url", scheduler::baseUrl);
        registry.add("storyline.telegram.scheduler.request-timeout", () -> "1s");
    }

    static Map<String, String> telegramSettings(FakeBotApi fake) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("storyline.telegram.bot-token", TOKEN);
        settings.put("storyline.telegram.channel-id", CHANNEL);
        settings.put("storyline.telegram.account-chats", "brand-b=" + BRAND_B_CHAT);
        settings.put("storyline.telegram.admin-chat-id", "-1009999");
        settings.put("storyline.telegram.api-base-url", fake.baseUrl());
        settings.put("storyline.telegram.media-root", Posts.MEDIA_ROOT.toString());
        settings.put("storyline.telegram.admin-user-ids", "1001");
        settings.put("storyline.telegram.member-user-ids", "2002,2003");
        settings.put("storyline.telegram.send.max-attempts", "3");
        settings.put("storyline.telegram.send.initial-backoff", "20ms");
        settings.put("storyline.telegram.send.max-backoff", "100ms");
        settings.put("storyline.telegram.send.max-retry-after", "3s");
        settings.put("storyline.telegram.send.call-timeout", "10s");
        settings.put("storyline.telegram.polling.timeout", "1s");
        settings.put("storyline.telegram.polling.lease", "3s");
        settings.put("storyline.telegram.polling.error-backoff", "200ms");
        settings.put("storyline.consumer.initial-backoff", "100ms");
        settings.put("storyline.consumer.max-backoff", "500ms");
        // retries must outlast a send claim (call timeout + longest wait + 30 s), see RetryWindow
        settings.put("storyline.consumer.max-attempts", "120");
        settings.put("storyline.outbox.poll-interval", "100ms");
        settings.put("server.port", "0");
        settings.put("management.server.port", "0");
        return settings;
    }

    @AfterAll
    static void close() {
        events.close();
        telegram.close();
    }

    @Autowired
    JdbcClient jdbc;

    private static String data(CallbackData.Action action, UUID postId) {
        return new CallbackData(action, postId).encode();
    }

    private List<FakeBotApi.Call> awaitMessages(UUID postId, int count) {
        return Eventually.await(
                WAIT,
                count + " message(s) for post " + postId,
                () -> telegram.messagesWith(data(CallbackData.Action.POSTED, postId)),
                calls -> calls.size() >= count);
    }

    private String status(UUID postId) {
        return jdbc.sql("select status from manual_posts where post_id = :p")
                .param("p", postId)
                .query(String.class)
                .single();
    }

    @Test
    void sends_an_accounts_posts_to_its_own_team_chat_when_it_has_one() {
        EventEnvelope<PostRequested> request = Posts.manual("brand-b", "memes/first.jpg", "image/jpeg");
        events.publish(request);

        assertThat(awaitMessages(request.postId(), 1).getFirst().param("chat_id"))
                .isEqualTo(BRAND_B_CHAT);
    }

    @Test
    void sends_one_photo_with_the_decision_buttons_for_a_manual_request() throws Exception {
        EventEnvelope<PostRequested> request = Posts.manualPhoto();
        UUID postId = request.postId();
        events.publish(request);

        FakeBotApi.Call sent = awaitMessages(postId, 1).getFirst();
        assertThat(sent.method()).isEqualTo("sendPhoto");
        assertThat(sent.param("chat_id")).isEqualTo(CHANNEL);
        assertThat(sent.file("photo").fileName()).isEqualTo("first.jpg");
        assertThat(sent.file("photo").size()).isEqualTo(6);
        assertThat(sent.param("caption"))
                .contains(
                        "account default",
                        "Category: memes",
                        "Title " + postId,
                        "Caption: Look at this",
                        "Link: https://example.com/shop",
                        "#fun #cats",
                        "requires interaction",
                        "memes/first.jpg");

        List<String> buttons = new ArrayList<>();
        List<String> callbackData = new ArrayList<>();
        for (JsonNode row : JSON.readTree(sent.param("reply_markup")).get("inline_keyboard")) {
            for (JsonNode button : row) {
                buttons.add(button.get("text").asText());
                if (button.has("callback_data")) {
                    callbackData.add(button.get("callback_data").asText());
                } else {
                    assertThat(button.get("url").asText()).startsWith("https://www.instagram.com");
                }
            }
        }
        assertThat(buttons).containsExactly("✅ Posted", "⏭ Skip", "🚫 Reject", "📱 Open Instagram");
        assertThat(callbackData)
                .allSatisfy(d ->
                        assertThat(d.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(64));
        // each button's data is signed: <action>:<post id>.<mac>
        assertThat(callbackData.stream()
                        .map(d -> CallbackData.parse(d.substring(0, d.lastIndexOf('.')))
                                .orElseThrow()
                                .postId()))
                .containsOnly(postId);

        Eventually.await(WAIT, "row SENT", () -> status(postId).equals("SENT"));
        assertThat(jdbc.sql("select message_id from manual_posts where post_id = :p")
                        .param("p", postId)
                        .query(Long.class)
                        .single())
                .isNotNull();
    }

    @Test
    void sends_one_message_when_the_request_is_redelivered() {
        EventEnvelope<PostRequested> request = Posts.manualPhoto();
        events.publish(request);
        events.publish(request);
        // the same post again under a new event id (e.g. a fallback for a post already routed manually)
        events.publish(request.followedBy(
                new FallbackRequested(request.payload().content(), FallbackReason.UNKNOWN, "again", null)));
        awaitMessages(request.postId(), 1);

        // One consumer, FIFO queue: once a later request is sent, the duplicates have been handled.
        EventEnvelope<PostRequested> marker = Posts.manualPhoto();
        events.publish(marker);
        awaitMessages(marker.postId(), 1);
        assertThat(telegram.messagesWith(data(CallbackData.Action.POSTED, request.postId())))
                .hasSize(1);
        assertThat(jdbc.sql("select claims from manual_posts where post_id = :p")
                        .param("p", request.postId())
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void sends_a_video_with_send_video() {
        EventEnvelope<PostRequested> request = Posts.manual("memes/clip.mp4", "video/mp4");
        events.publish(request);
        FakeBotApi.Call sent = awaitMessages(request.postId(), 1).getFirst();
        assertThat(sent.method()).isEqualTo("sendVideo");
        assertThat(sent.file("video").fileName()).isEqualTo("clip.mp4");
    }

    @Test
    void sends_a_photo_over_telegrams_10_mb_limit_as_a_document() {
        EventEnvelope<PostRequested> request = Posts.manual("memes/huge.jpg", "image/jpeg");
        events.publish(request);
        FakeBotApi.Call sent = awaitMessages(request.postId(), 1).getFirst();
        assertThat(sent.method()).isEqualTo("sendDocument");
        assertThat(sent.file("document").size()).isEqualTo(11 * 1024 * 1024);
    }

    @Test
    void sends_a_text_with_the_hosted_link_when_the_media_file_is_missing() {
        EventEnvelope<FallbackRequested> request = Posts.fallback(
                "memes/gone.jpg",
                "image/jpeg",
                FallbackReason.MEDIA_REJECTED,
                "The aspect ratio is not supported",
                "https://cdn.example.com/gone.jpg");
        events.publish(request);
        FakeBotApi.Call sent = awaitMessages(request.postId(), 1).getFirst();
        assertThat(sent.method()).isEqualTo("sendMessage");
        assertThat(sent.param("text")).contains("media file is missing", "https://cdn.example.com/gone.jpg");
    }

    @Test
    void never_sends_a_file_outside_the_media_folder_through_a_symbolic_link_in_it() throws Exception {
        Path outside = Files.createTempFile("storyline-secret", ".jpg");
        Files.write(outside, "not for the team chat".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Path link = Posts.MEDIA_ROOT.resolve("memes/linked-" + UUID.randomUUID() + ".jpg");
        Files.createSymbolicLink(link, outside);
        EventEnvelope<PostRequested> request = Posts.manual("memes/" + link.getFileName(), "image/jpeg");
        events.publish(request);

        FakeBotApi.Call sent = awaitMessages(request.postId(), 1).getFirst();
        assertThat(sent.method()).isEqualTo("sendMessage");
        assertThat(sent.param("text")).contains("leads outside the media folder");
        assertThat(telegram.calls(c -> c.files().values().stream()
                        .anyMatch(f -> f.fileName().equals(outside.getFileName().toString())
                                || f.fileName().equals(link.getFileName().toString()))))
                .isEmpty();
        Eventually.await(WAIT, "row SENT", () -> status(request.postId()).equals("SENT"));
    }

    @Test
    void explains_a_fallback_with_its_reason_and_metas_message() {
        EventEnvelope<FallbackRequested> request = Posts.fallback(
                "memes/first.jpg",
                "image/jpeg",
                FallbackReason.RATE_LIMITED,
                "(#4) Application request limit reached",
                "https://cdn.example.com/first.jpg");
        events.publish(request);
        FakeBotApi.Call sent = awaitMessages(request.postId(), 1).getFirst();
        assertThat(sent.method()).isEqualTo("sendPhoto");
        assertThat(sent.param("caption"))
                .contains("automatic posting failed: rate limited", "(#4) Application request limit reached");
    }

    @Test
    void waits_out_retry_after_when_telegram_answers_429_then_sends_once() {
        telegram.failNext("sendPhoto", 1, 429, FakeBotApi.tooManyRequests(1));
        EventEnvelope<PostRequested> request = Posts.manualPhoto();
        events.publish(request);

        Eventually.await(
                WAIT,
                "row SENT",
                () -> jdbc.sql("select count(*) from manual_posts where post_id = :p and status = 'SENT'")
                                .param("p", request.postId())
                                .query(Integer.class)
                                .single()
                        == 1);
        List<FakeBotApi.Call> attempts = telegram.messagesWith(data(CallbackData.Action.POSTED, request.postId()));
        assertThat(attempts).hasSize(2);
        assertThat(Duration.ofNanos(attempts.get(1).atNanos() - attempts.get(0).atNanos()))
                .isGreaterThanOrEqualTo(Duration.ofMillis(950));
    }

    @Test
    void reports_post_failed_when_telegram_keeps_failing() {
        telegram.failNext("sendPhoto", 3, 502, FakeBotApi.serverError());
        EventEnvelope<PostRequested> request = Posts.manualPhoto();
        events.publish(request);

        EventEnvelope<PostFailed> failed = events.await(request.postId(), PostFailed.class);
        assertThat(failed.payload().stage()).isEqualTo("telegram");
        assertThat(failed.payload().error()).contains("Bad Gateway");
        assertThat(failed.payload().error()).doesNotContain(TOKEN);
        assertThat(failed.correlationId()).isEqualTo(request.correlationId());
        assertThat(telegram.messagesWith(data(CallbackData.Action.POSTED, request.postId())))
                .hasSize(3);
        assertThat(status(request.postId())).isEqualTo("FAILED");
    }

    @Test
    void sends_refused_media_as_a_document_instead_of_failing() {
        telegram.failNext("sendPhoto", 1, 400, FakeBotApi.badRequest("PHOTO_INVALID_DIMENSIONS"));
        EventEnvelope<PostRequested> request = Posts.manualPhoto();
        events.publish(request);
        List<FakeBotApi.Call> calls = awaitMessages(request.postId(), 2);
        assertThat(calls).extracting(FakeBotApi.Call::method).containsExactly("sendPhoto", "sendDocument");
        Eventually.await(WAIT, "row SENT", () -> status(request.postId()).equals("SENT"));
        assertThat(events.eventsFor(request.postId(), PostFailed.class)).isEmpty();
    }
}
