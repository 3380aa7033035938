package dev.storyline.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storyline.contracts.events.EventEnvelope;
import dev.storyline.contracts.events.ManualPostResolved;
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
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Sends that hang or whose outcome is unknown: a post held by a stopped worker does not hold up the
 * posts behind it, a timed-out send is not repeated blindly, and the consumer takes one message at a time.
 */
@TelegramTest
class StuckAndSlowSendsTest {

    private static final Duration WAIT = Duration.ofSeconds(45);
    private static final FakeBotApi telegram = new FakeBotApi(ManualPostMessageTest.TOKEN);
    private static final Isolated infra = IsolatedInfrastructure.forClass(StuckAndSlowSendsTest.class);
    private static final EventTap events = EventTap.on(infra, "post.manual-resolved");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        ManualPostMessageTest.telegramProperties(registry, telegram);
        registry.add("storyline.telegram.send.call-timeout", () -> "1s");
        registry.add("storyline.telegram.send.budget", () -> "20s");
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

    private String status(UUID postId) {
        return jdbc.sql("select status from manual_posts where post_id = :p")
                .param("p", postId)
                .query(String.class)
                .optional()
                .orElse(null);
    }

    @Test
    void a_post_held_by_a_stopped_worker_does_not_hold_up_the_posts_behind_it() {
        EventEnvelope<PostRequested> held = Posts.manualPhoto();
        // A worker claimed this post and died; its claim runs for another 20 s.
        jdbc.sql("""
                        insert into manual_posts (post_id, account_id, correlation_id, status, claims, claim_id, claimed_until)
                        values (:p, 'default', :c, 'SENDING', 1, gen_random_uuid(), now() + interval '20 seconds')
                        """).param("p", held.postId()).param("c", held.correlationId()).update();
        events.publish(held);
        EventEnvelope<PostRequested> next = Posts.manualPhoto();
        events.publish(next);

        Eventually.await(
                Duration.ofSeconds(10),
                "the next post sent while the held one waits",
                () -> "SENT".equals(status(next.postId())));
        assertThat(status(held.postId())).isEqualTo("SENDING");

        // once the dead worker's claim lapses, the held post goes out too (marked: the dead worker may have sent it)
        Eventually.await(WAIT, "the held post sent after its claim lapsed", () -> "SENT".equals(status(held.postId())));
        List<FakeBotApi.Call> sent = telegram.messagesWith(data(CallbackData.Action.POSTED, held.postId()));
        assertThat(sent).hasSize(1);
        assertThat(sent.getFirst().param("caption")).startsWith("⚠ Sent again");
    }

    @Test
    void a_send_whose_answer_times_out_is_not_repeated_blindly_and_the_earlier_copy_loses_its_buttons() {
        // Telegram posts the photo but answers after the worker's 1 s call timeout.
        telegram.answerLate("sendPhoto", 1, Duration.ofSeconds(3));
        EventEnvelope<PostRequested> request = Posts.manualPhoto();
        UUID postId = request.postId();
        events.publish(request);

        Eventually.await(WAIT, "post recorded as sent", () -> "SENT".equals(status(postId)));
        List<FakeBotApi.Call> copies = telegram.messagesWith(data(CallbackData.Action.POSTED, postId));
        assertThat(copies).hasSize(2);
        assertThat(copies.get(0).param("caption")).startsWith("📲");
        assertThat(copies.get(1).param("caption")).startsWith("⚠ Sent again");
        assertThat(jdbc.sql("select message_id from manual_posts where post_id = :p")
                        .param("p", postId)
                        .query(Long.class)
                        .single())
                .isEqualTo(copies.get(1).messageId());

        // a tap on the earlier copy decides nothing and takes its buttons away
        String tap = telegram.tap(2002, "mia", data(CallbackData.Action.POSTED, postId), copies.get(0));
        FakeBotApi.Call answer = Eventually.await(
                        WAIT,
                        "tap answered",
                        () -> telegram.calls(c ->
                                c.method().equals("answerCallbackQuery") && tap.equals(c.param("callback_query_id"))),
                        c -> !c.isEmpty())
                .getFirst();
        assertThat(answer.param("text")).contains("replaced by a newer one");
        FakeBotApi.Call disarmed = Eventually.await(
                        WAIT,
                        "earlier copy's buttons removed",
                        () -> telegram.calls(c -> c.method().equals("editMessageReplyMarkup")
                                && String.valueOf(copies.get(0).messageId()).equals(c.param("message_id"))),
                        c -> !c.isEmpty())
                .getFirst();
        assertThat(disarmed.param("reply_markup")).isNull();
        assertThat(status(postId)).isEqualTo("SENT");
        assertThat(jdbc.sql("select count(*) from outbox where post_id = :p and event_type = 'ManualPostResolved'")
                        .param("p", postId)
                        .query(Integer.class)
                        .single())
                .isZero();

        // the recorded copy decides
        telegram.tap(2002, "mia", data(CallbackData.Action.POSTED, postId), copies.get(1));
        assertThat(events.await(postId, ManualPostResolved.class).payload().telegramUserId())
                .isEqualTo(2002);
    }

    @Test
    void takes_one_message_at_a_time_from_the_broker() {
        Eventually.await(
                Duration.ofSeconds(30),
                "consumer with prefetch 1",
                () -> infra.queueInfo("telegram.requests").replace(" ", "").contains("\"prefetch_count\":1,"));
        assertThat(infra.queueInfo("telegram.requests").replace(" ", "")).doesNotContain("\"prefetch_count\":10");
    }
}
