package dev.storyline.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.storyline.contracts.events.EventEnvelope;
import dev.storyline.contracts.events.ManualAction;
import dev.storyline.contracts.events.ManualPostResolved;
import dev.storyline.contracts.events.PostRequested;
import dev.storyline.telegram.access.CallbackSigner;
import dev.storyline.telegram.callbacks.CallbackHandler;
import dev.storyline.telegram.manual.CallbackData;
import dev.storyline.testkit.EventTap;
import dev.storyline.testkit.Eventually;
import dev.storyline.testkit.Isolated;
import dev.storyline.testkit.IsolatedInfrastructure;
import dev.storyline.testkit.fakes.FakeBotApi;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.telegram.telegrambots.meta.api.objects.CallbackQuery;

@TelegramTest
class ManualPostCallbacksTest {

    private static final long ADMIN = 1001;
    private static final long MEMBER = 2002;
    private static final long OTHER_MEMBER = 2003;
    private static final long STRANGER = 666;
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final FakeBotApi telegram = new FakeBotApi(ManualPostMessageTest.TOKEN);
    private static final Isolated infra = IsolatedInfrastructure.forClass(ManualPostCallbacksTest.class);
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

    @Autowired
    CallbackHandler callbacks;

    @Autowired
    CallbackSigner signer;

    /** A manual post whose message is in the channel, waiting for a decision. */
    private UUID sentPost() {
        EventEnvelope<PostRequested> request = Posts.manualPhoto();
        events.publish(request);
        Eventually.await(
                WAIT,
                "post sent",
                () -> jdbc.sql("select count(*) from manual_posts where post_id = :p and status = 'SENT'")
                                .param("p", request.postId())
                                .query(Integer.class)
                                .single()
                        == 1);
        return request.postId();
    }

    private static String data(CallbackData.Action action, UUID postId) {
        return new CallbackData(action, postId).encode();
    }

    private static FakeBotApi.Call answerTo(String queryId) {
        return Eventually.await(
                        WAIT,
                        "answer to " + queryId,
                        () -> telegram.calls(c -> c.method().equals("answerCallbackQuery")
                                && queryId.equals(c.param("callback_query_id"))),
                        calls -> !calls.isEmpty())
                .getFirst();
    }

    /** From the outbox, the source of truth: how many decisions were emitted for the post. */
    private int resolvedEvents(UUID postId) {
        return jdbc.sql("select count(*) from outbox where post_id = :p and event_type = 'ManualPostResolved'")
                .param("p", postId)
                .query(Integer.class)
                .single();
    }

    private String status(UUID postId) {
        return jdbc.sql("select status from manual_posts where post_id = :p")
                .param("p", postId)
                .query(String.class)
                .single();
    }

    @Test
    void posted_button_records_the_decision_and_shows_who_did_it() {
        UUID postId = sentPost();
        String query = telegram.tap(MEMBER, "mia", data(CallbackData.Action.POSTED, postId));

        EventEnvelope<ManualPostResolved> resolved = events.await(postId, ManualPostResolved.class);
        assertThat(resolved.payload().action()).isEqualTo(ManualAction.POSTED);
        assertThat(resolved.payload().telegramUserId()).isEqualTo(MEMBER);
        assertThat(resolved.payload().telegramUsername()).isEqualTo("mia");
        assertThat(answerTo(query).param("text")).contains("Marked posted");
        FakeBotApi.Call edit = Eventually.await(
                        WAIT,
                        "message edited",
                        () -> telegram.calls("editMessageCaption"),
                        calls -> calls.stream().anyMatch(c -> c.param("caption").contains("Title " + postId)))
                .stream()
                .filter(c -> c.param("caption").contains("Title " + postId))
                .findFirst()
                .orElseThrow();
        assertThat(edit.param("caption")).contains("✅ Marked posted by @mia");
        assertThat(edit.param("chat_id")).isEqualTo(ManualPostMessageTest.CHANNEL);
        assertThat(edit.param("reply_markup")).isNull();
    }

    @Test
    void skip_button_records_a_skip() {
        UUID postId = sentPost();
        telegram.tap(MEMBER, "mia", data(CallbackData.Action.SKIPPED, postId));
        EventEnvelope<ManualPostResolved> resolved = events.await(postId, ManualPostResolved.class);
        assertThat(resolved.payload().action()).isEqualTo(ManualAction.SKIPPED);
        assertThat(status(postId)).isEqualTo("RESOLVED");
    }

    @Test
    void reject_asks_for_confirmation_before_rejecting() {
        UUID postId = sentPost();
        String ask = telegram.tap(ADMIN, "ada", data(CallbackData.Action.ASK_REJECT, postId));
        assertThat(answerTo(ask).param("text")).contains("confirm");
        FakeBotApi.Call confirmation = Eventually.await(
                        WAIT,
                        "confirmation buttons",
                        () -> telegram.calls(c -> c.method().equals("editMessageReplyMarkup")
                                && c.param("reply_markup").contains(data(CallbackData.Action.CONFIRM_REJECT, postId))),
                        calls -> !calls.isEmpty())
                .getFirst();
        assertThat(confirmation.param("reply_markup")).contains(data(CallbackData.Action.BACK, postId));
        assertThat(status(postId)).isEqualTo("SENT");
        assertThat(resolvedEvents(postId)).isZero();

        telegram.tap(ADMIN, "ada", data(CallbackData.Action.CONFIRM_REJECT, postId));
        EventEnvelope<ManualPostResolved> resolved = events.await(postId, ManualPostResolved.class);
        assertThat(resolved.payload().action()).isEqualTo(ManualAction.REJECTED);
        assertThat(resolved.payload().telegramUserId()).isEqualTo(ADMIN);
    }

    @Test
    void back_restores_the_decision_buttons() {
        UUID postId = sentPost();
        answerTo(telegram.tap(ADMIN, "ada", data(CallbackData.Action.ASK_REJECT, postId)));
        answerTo(telegram.tap(ADMIN, "ada", data(CallbackData.Action.BACK, postId)));
        assertThat(telegram.calls(c -> c.method().equals("editMessageReplyMarkup")
                        && c.param("reply_markup").contains(data(CallbackData.Action.POSTED, postId))))
                .hasSize(1);
        assertThat(status(postId)).isEqualTo("SENT");
    }

    @Test
    void a_member_cannot_reject() {
        UUID postId = sentPost();
        assertThat(answerTo(telegram.tap(MEMBER, "mia", data(CallbackData.Action.ASK_REJECT, postId)))
                        .param("text"))
                .contains("Only admins");
        // the confirmation an admin brought up does not let a member through either
        answerTo(telegram.tap(ADMIN, "ada", data(CallbackData.Action.ASK_REJECT, postId)));
        FakeBotApi.Call answer =
                answerTo(telegram.tap(MEMBER, "mia", data(CallbackData.Action.CONFIRM_REJECT, postId)));
        assertThat(answer.param("text")).contains("Only admins");
        assertThat(answer.param("show_alert")).isEqualTo("true");
        assertThat(status(postId)).isEqualTo("SENT");
        assertThat(resolvedEvents(postId)).isZero();
    }

    @Test
    void a_tap_on_a_message_whose_sender_died_before_recording_it_resolves_the_post_and_nothing_is_sent_again() {
        EventEnvelope<PostRequested> request = Posts.manualPhoto();
        UUID postId = request.postId();
        // The sender claimed the post, Telegram delivered the photo, and the sender died before recording it.
        jdbc.sql("""
                        insert into manual_posts (post_id, account_id, correlation_id, status, claims, claim_id, claimed_until)
                        values (:p, 'default', :c, 'SENDING', 1, gen_random_uuid(), now() - interval '1 minute')
                        """).param("p", postId).param("c", request.correlationId()).update();
        FakeBotApi.Call delivered = new FakeBotApi.Call(
                "sendPhoto",
                Map.of(
                        "chat_id",
                        ManualPostMessageTest.CHANNEL,
                        "caption",
                        "📲 Story to post by hand · account default"),
                Map.of(),
                System.nanoTime(),
                4242,
                false);

        telegram.tap(MEMBER, "mia", signer.sign(data(CallbackData.Action.POSTED, postId)), delivered);

        assertThat(events.await(postId, ManualPostResolved.class).payload().action())
                .isEqualTo(ManualAction.POSTED);
        assertThat(jdbc.sql("select message_id from manual_posts where post_id = :p")
                        .param("p", postId)
                        .query(Long.class)
                        .single())
                .isEqualTo(4242);
        // The dead sender's request comes back from the broker: the post is known to be on Telegram, nothing is sent.
        events.publish(request);
        Eventually.await(
                WAIT,
                "the redelivered request handled",
                () -> jdbc.sql("select count(*) from inbox where event_id = :e")
                                .param("e", request.eventId())
                                .query(Integer.class)
                                .single()
                        == 1);
        assertThat(telegram.messagesWith(data(CallbackData.Action.POSTED, postId)))
                .isEmpty();
        assertThat(status(postId)).isEqualTo("RESOLVED");
    }

    @Test
    void an_unauthorised_user_is_refused_and_nothing_changes() {
        UUID postId = sentPost();
        FakeBotApi.Call answer = answerTo(telegram.tap(STRANGER, "mallory", data(CallbackData.Action.POSTED, postId)));
        assertThat(answer.param("text")).contains("not allowed");
        assertThat(answer.param("show_alert")).isEqualTo("true");
        assertThat(status(postId)).isEqualTo("SENT");
        assertThat(resolvedEvents(postId)).isZero();

        // the post still waits for an authorised person
        telegram.tap(MEMBER, "mia", data(CallbackData.Action.POSTED, postId));
        assertThat(events.await(postId, ManualPostResolved.class).payload().telegramUserId())
                .isEqualTo(MEMBER);
    }

    @Test
    void a_double_tap_gives_one_outcome_and_later_taps_learn_who_acted() {
        UUID postId = sentPost();
        telegram.tap(MEMBER, "mia", data(CallbackData.Action.POSTED, postId));
        String second = telegram.tap(MEMBER, "mia", data(CallbackData.Action.POSTED, postId));
        String late = telegram.tap(OTHER_MEMBER, "max", data(CallbackData.Action.SKIPPED, postId));

        assertThat(answerTo(second).param("text")).contains("Already marked posted by @mia");
        FakeBotApi.Call lateAnswer = answerTo(late);
        assertThat(lateAnswer.param("text")).contains("Already marked posted by @mia");
        assertThat(lateAnswer.param("show_alert")).isEqualTo("true");
        assertThat(resolvedEvents(postId)).isEqualTo(1);
        assertThat(events.await(postId, ManualPostResolved.class).payload().action())
                .isEqualTo(ManualAction.POSTED);
        assertThat(jdbc.sql("select resolved_by_id from manual_posts where post_id = :p")
                        .param("p", postId)
                        .query(Long.class)
                        .single())
                .isEqualTo(MEMBER);
    }

    @Test
    void concurrent_taps_by_several_people_give_exactly_one_decision() throws Exception {
        UUID postId = sentPost();
        FakeBotApi.Call message =
                telegram.messagesWith(data(CallbackData.Action.POSTED, postId)).getFirst();
        ObjectMapper json = new ObjectMapper();
        List<CallbackQuery> taps = new ArrayList<>();
        long[] users = {ADMIN, MEMBER, OTHER_MEMBER, ADMIN, MEMBER, OTHER_MEMBER};
        for (int i = 0; i < users.length; i++) {
            String action =
                    signer.sign(data(i % 2 == 0 ? CallbackData.Action.POSTED : CallbackData.Action.SKIPPED, postId));
            taps.add(json.readValue(
                    """
                    {"id":"concurrent-%d","chat_instance":"ci","data":"%s","from":{"id":%d,"is_bot":false,"first_name":"U%d"},
                     "message":{"message_id":%d,"date":1700000000,"chat":{"id":%s,"type":"channel"}}}
                    """.formatted(i, action, users[i], i, message.messageId(), ManualPostMessageTest.CHANNEL),
                    CallbackQuery.class));
        }
        CyclicBarrier start = new CyclicBarrier(taps.size());
        ExecutorService pool = Executors.newFixedThreadPool(taps.size());
        try {
            List<Future<?>> done = new ArrayList<>();
            for (CallbackQuery tap : taps) {
                done.add(pool.submit(() -> {
                    start.await();
                    callbacks.handle(tap);
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(resolvedEvents(postId)).isEqualTo(1);
        assertThat(status(postId)).isEqualTo("RESOLVED");
        // every tap was answered: one success, the others told who was first
        assertThat(telegram.calls(c -> c.method().equals("answerCallbackQuery")
                        && c.param("callback_query_id").startsWith("concurrent-")))
                .hasSize(taps.size())
                .filteredOn(c -> c.param("text").startsWith("Already"))
                .hasSize(taps.size() - 1);
    }

    @Test
    void a_stale_or_forged_button_is_answered_and_ignored() {
        FakeBotApi.Call answer = answerTo(telegram.tap(ADMIN, "ada", "p:old-format-from-a-previous-version"));
        assertThat(answer.param("text")).contains("no longer valid");
    }

    @Test
    void only_one_poller_runs_and_telegram_never_sees_a_second_one() {
        // The lease row names this instance; a second poller would have drawn a 409 from the fake.
        Eventually.await(
                WAIT,
                "poller lease held",
                () -> jdbc.sql("select count(*) from poller_leases where bot_id = '123456'")
                                .query(Integer.class)
                                .single()
                        == 1);
        assertThat(telegram.conflicts()).isZero();
    }
}
