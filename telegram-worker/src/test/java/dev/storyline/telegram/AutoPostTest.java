package dev.storyline.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storyline.contracts.events.AutoPostRequested;
import dev.storyline.contracts.events.EventEnvelope;
import dev.storyline.contracts.events.FallbackReason;
import dev.storyline.contracts.events.FallbackRequested;
import dev.storyline.contracts.events.PostRequested;
import dev.storyline.telegram.manual.CallbackData;
import dev.storyline.testkit.EventTap;
import dev.storyline.testkit.Eventually;
import dev.storyline.testkit.Isolated;
import dev.storyline.testkit.IsolatedInfrastructure;
import dev.storyline.testkit.fakes.FakeBotApi;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * 🤖 Auto post: offered on posts routed to Telegram from the start, pressed when the account's API is
 * healthy (the scheduler's view, through its admin API — faked at the wire here), first tap wins,
 * and a later fallback gives the team the post back.
 */
@TelegramTest
class AutoPostTest {

    private static final long ADMIN = 1001;
    private static final long MEMBER = 2002;
    private static final String ADMIN_TOKEN = "admin-secret";
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final FakeBotApi telegram = new FakeBotApi(ManualPostMessageTest.TOKEN);
    private static final FakeScheduler scheduler = new FakeScheduler(ADMIN_TOKEN);
    private static final Isolated infra = IsolatedInfrastructure.forClass(AutoPostTest.class);
    private static final EventTap events = EventTap.on(infra, "post.auto-requested");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        ManualPostMessageTest.telegramProperties(registry, telegram, scheduler, ADMIN_TOKEN);
    }

    @AfterAll
    static void close() {
        events.close();
        telegram.close();
        scheduler.close();
    }

    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void healthyApi() {
        scheduler.reset();
        scheduler.answer("GET /api/accounts", "[" + FakeScheduler.account("default", true, true, false, null) + "]");
    }

    private static String data(CallbackData.Action action, UUID postId) {
        return new CallbackData(action, postId).encode();
    }

    private FakeBotApi.Call sent(UUID postId) {
        return Eventually.await(
                        WAIT,
                        "message for " + postId,
                        () -> telegram.messagesWith(data(CallbackData.Action.POSTED, postId)),
                        calls -> !calls.isEmpty())
                .getFirst();
    }

    private FakeBotApi.Call answerTo(String queryId) {
        return Eventually.await(
                        WAIT,
                        "answer to " + queryId,
                        () -> telegram.calls(c -> c.method().equals("answerCallbackQuery")
                                && queryId.equals(c.param("callback_query_id"))),
                        calls -> !calls.isEmpty())
                .getFirst();
    }

    private String status(UUID postId) {
        return jdbc.sql("select status from manual_posts where post_id = :p")
                .param("p", postId)
                .query(String.class)
                .single();
    }

    @Test
    void offers_auto_post_on_a_post_sent_to_telegram_because_the_api_was_off_but_not_on_one_needing_stickers() {
        EventEnvelope<PostRequested> apiOff = Posts.apiOffPhoto("default");
        EventEnvelope<PostRequested> stickers = Posts.manualPhoto();
        events.publish(apiOff);
        events.publish(stickers);

        assertThat(sent(apiOff.postId()).param("reply_markup"))
                .contains("Auto post", data(CallbackData.Action.AUTO_POST, apiOff.postId()));
        assertThat(sent(stickers.postId()).param("reply_markup")).doesNotContain("Auto post");
    }

    @Test
    void a_tap_while_the_api_is_healthy_hands_the_post_back_once_and_shows_who_did_it() {
        EventEnvelope<PostRequested> request = Posts.apiOffPhoto("default");
        events.publish(request);
        String messageId = Integer.toString(sent(request.postId()).messageId());

        String first = telegram.tap(MEMBER, "mia", data(CallbackData.Action.AUTO_POST, request.postId()));
        String second = telegram.tap(ADMIN, "ada", data(CallbackData.Action.POSTED, request.postId()));

        EventEnvelope<AutoPostRequested> handed = events.await(request.postId(), AutoPostRequested.class);
        assertThat(handed.payload().telegramUserId()).isEqualTo(MEMBER);
        assertThat(handed.correlationId()).isEqualTo(request.correlationId());
        assertThat(answerTo(first).param("text")).contains("Handed to the API");
        assertThat(answerTo(second).param("text")).contains("Already handed to the API by @mia");
        assertThat(status(request.postId())).isEqualTo("HANDED_BACK");
        assertThat(events.eventsFor(request.postId(), AutoPostRequested.class)).hasSize(1);
        assertThat(telegram.calls(c -> c.method().equals("editMessageCaption")
                        && messageId.equals(c.param("message_id"))
                        && String.valueOf(c.param("caption")).contains("Handed to the API by @mia")))
                .hasSize(1);
    }

    @Test
    void a_tap_while_the_api_is_not_healthy_is_refused_with_the_reason_and_the_post_keeps_waiting() {
        scheduler.answer("GET /api/accounts", "[" + FakeScheduler.account("default", true, false, false, null) + "]");
        EventEnvelope<PostRequested> request = Posts.apiOffPhoto("default");
        events.publish(request);
        sent(request.postId());

        FakeBotApi.Call answer =
                answerTo(telegram.tap(MEMBER, "mia", data(CallbackData.Action.AUTO_POST, request.postId())));

        assertThat(answer.param("text")).contains("token is not healthy");
        assertThat(answer.param("show_alert")).isEqualTo("true");
        assertThat(status(request.postId())).isEqualTo("SENT");
        assertThat(events.eventsFor(request.postId(), AutoPostRequested.class)).isEmpty();
    }

    @Test
    void when_the_api_fails_on_a_handed_back_post_the_team_gets_it_again_without_the_auto_post_button() {
        EventEnvelope<PostRequested> request = Posts.apiOffPhoto("default");
        events.publish(request);
        sent(request.postId());
        telegram.tap(MEMBER, "mia", data(CallbackData.Action.AUTO_POST, request.postId()));
        events.await(request.postId(), AutoPostRequested.class);

        events.publish(request.followedBy(new FallbackRequested(
                request.payload().content(),
                FallbackReason.API_UNAVAILABLE,
                "Graph API answered 500 three times",
                null)));

        List<FakeBotApi.Call> messages = Eventually.await(
                WAIT,
                "a second message",
                () -> telegram.messagesWith(data(CallbackData.Action.POSTED, request.postId())),
                calls -> calls.size() == 2);
        assertThat(messages.get(1).param("caption")).contains("Graph API answered 500");
        assertThat(messages.get(1).param("reply_markup")).doesNotContain("Auto post");
        // recorded once Telegram's answer is in, a moment after the fake has it
        Eventually.await(WAIT, "recorded as sent", () -> "SENT".equals(status(request.postId())));
        // and it is decided like any other manual post
        telegram.tap(MEMBER, "mia", data(CallbackData.Action.POSTED, request.postId()));
        Eventually.await(WAIT, "resolved", () -> "RESOLVED".equals(status(request.postId())));
    }
}
