package dev.storyline.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storyline.contracts.events.EventEnvelope;
import dev.storyline.contracts.events.ManualAction;
import dev.storyline.contracts.events.ManualPostResolved;
import dev.storyline.contracts.events.PostRequested;
import dev.storyline.telegram.manual.CallbackData;
import dev.storyline.testkit.EventTap;
import dev.storyline.testkit.Eventually;
import dev.storyline.testkit.Isolated;
import dev.storyline.testkit.IsolatedInfrastructure;
import dev.storyline.testkit.fakes.FakeBotApi;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A decision taken on the web console or with the CLI shows on the post's Telegram message, once. */
@TelegramTest
class ResolvedElsewhereTest {

    private static final long MEMBER = 2002;
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final FakeBotApi telegram = new FakeBotApi(ManualPostMessageTest.TOKEN);
    private static final Isolated infra = IsolatedInfrastructure.forClass(ResolvedElsewhereTest.class);
    private static final EventTap events = EventTap.on(infra, "post.manual-resolved");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        ManualPostMessageTest.telegramProperties(registry, telegram);
    }

    @AfterAll
    static void close() {
        events.close();
        telegram.close();
    }

    @Autowired
    JdbcClient jdbc;

    private EventEnvelope<PostRequested> sentPost() {
        EventEnvelope<PostRequested> request = Posts.manualPhoto();
        events.publish(request);
        awaitStatus(request.postId(), "SENT");
        return request;
    }

    private void awaitStatus(UUID postId, String status) {
        Eventually.await(
                WAIT,
                "post " + status,
                () -> jdbc.sql("select count(*) from manual_posts where post_id = :p and status = :s")
                                .param("p", postId)
                                .param("s", status)
                                .query(Integer.class)
                                .single()
                        == 1);
    }

    /** The worker consumed the event (its inbox says so), whatever it did with it. */
    private void awaitConsumed(EventEnvelope<?> event) {
        Eventually.await(
                WAIT,
                "event " + event.eventId() + " consumed",
                () -> jdbc.sql("select count(*) from inbox where event_id = :e")
                                .param("e", event.eventId())
                                .query(Integer.class)
                                .single()
                        > 0);
    }

    private static EventEnvelope<ManualPostResolved> resolvedOnTheConsole(EventEnvelope<PostRequested> post) {
        return post.followedBy(new ManualPostResolved(
                ManualAction.POSTED,
                0,
                "ana@brand.com",
                Instant.parse("2026-06-01T10:31:00Z"),
                "ana@brand.com",
                ManualPostResolved.VIA_WEB_CONSOLE));
    }

    private static List<FakeBotApi.Call> editsOf(UUID postId) {
        return telegram.calls(c -> (c.method().equals("editMessageCaption")
                        || c.method().equals("editMessageText")
                        || c.method().equals("editMessageReplyMarkup"))
                && String.valueOf(c.param("caption")).contains("Title " + postId));
    }

    private int resolvedEventsFromTelegram(UUID postId) {
        return jdbc.sql("select count(*) from outbox where post_id = :p and event_type = 'ManualPostResolved'")
                .param("p", postId)
                .query(Integer.class)
                .single();
    }

    @Test
    void a_post_resolved_on_the_web_console_loses_its_buttons_and_says_who_where_and_when_once() {
        EventEnvelope<PostRequested> post = sentPost();
        EventEnvelope<ManualPostResolved> resolved = resolvedOnTheConsole(post);
        events.publish(resolved);

        FakeBotApi.Call edit = Eventually.await(
                        WAIT, "message edited", () -> editsOf(post.postId()), calls -> !calls.isEmpty())
                .getFirst();
        assertThat(edit.method()).isEqualTo("editMessageCaption");
        assertThat(edit.param("caption"))
                .contains("✅ Posted by ana@brand.com on the web console · 2026-06-01 10:31 UTC");
        assertThat(edit.param("reply_markup")).as("the buttons go").isNull();
        assertThat(edit.param("chat_id")).isEqualTo(ManualPostMessageTest.CHANNEL);

        // redelivered as is, and published again under a new event id (a replay from the dead letters)
        events.publish(resolved);
        EventEnvelope<ManualPostResolved> again = post.followedBy(resolved.payload());
        events.publish(again);
        awaitConsumed(again);
        assertThat(editsOf(post.postId())).as("edited once").hasSize(1);
    }

    @Test
    void a_tap_after_a_web_resolve_is_refused_politely_naming_who_decided() {
        EventEnvelope<PostRequested> post = sentPost();
        events.publish(resolvedOnTheConsole(post));
        awaitStatus(post.postId(), "RESOLVED");

        String query =
                telegram.tap(MEMBER, "mia", new CallbackData(CallbackData.Action.SKIPPED, post.postId()).encode());
        FakeBotApi.Call answer = Eventually.await(
                        WAIT,
                        "answer",
                        () -> telegram.calls(c ->
                                c.method().equals("answerCallbackQuery") && query.equals(c.param("callback_query_id"))),
                        calls -> !calls.isEmpty())
                .getFirst();
        assertThat(answer.param("text"))
                .isEqualTo(
                        "Already resolved by ana@brand.com on the web console: marked posted at 2026-06-01 10:31 UTC.");
        assertThat(resolvedEventsFromTelegram(post.postId()))
                .as("the late tap decides nothing")
                .isZero();
        assertThat(editsOf(post.postId())).hasSize(1);
    }

    @Test
    void a_post_decided_before_its_message_was_recorded_shows_the_decision_once_the_message_exists() {
        EventEnvelope<PostRequested> post = Posts.manualPhoto();
        EventEnvelope<ManualPostResolved> byCli = post.followedBy(new ManualPostResolved(
                ManualAction.SKIPPED, 0, "cli", Instant.parse("2026-06-01T10:40:00Z"), "cli", "cli"));
        events.publish(byCli);
        awaitConsumed(byCli);
        assertThat(jdbc.sql("select count(*) from manual_posts where post_id = :p")
                        .param("p", post.postId())
                        .query(Integer.class)
                        .single())
                .as("nothing to change yet, and nothing broken")
                .isZero();

        events.publish(post);
        FakeBotApi.Call edit = Eventually.await(
                        WAIT, "message edited", () -> editsOf(post.postId()), calls -> !calls.isEmpty())
                .getFirst();
        assertThat(edit.param("caption")).contains("⏭ Skipped by the CLI · 2026-06-01 10:40 UTC");
        awaitStatus(post.postId(), "RESOLVED");
    }

    @Test
    void its_own_taps_come_back_as_events_and_change_nothing() {
        EventEnvelope<PostRequested> post = sentPost();
        telegram.tap(MEMBER, "mia", new CallbackData(CallbackData.Action.POSTED, post.postId()).encode());
        EventEnvelope<ManualPostResolved> own = events.await(post.postId(), ManualPostResolved.class);
        awaitConsumed(own);
        assertThat(editsOf(post.postId())).as("the tap's own edit only").hasSize(1);
        assertThat(editsOf(post.postId()).getFirst().param("caption")).contains("Marked posted by @mia");
    }
}
