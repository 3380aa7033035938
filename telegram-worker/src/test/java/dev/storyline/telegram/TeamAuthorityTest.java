package dev.storyline.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storyline.contracts.events.EventEnvelope;
import dev.storyline.contracts.events.ManualAction;
import dev.storyline.contracts.events.ManualPostResolved;
import dev.storyline.contracts.events.PostRequested;
import dev.storyline.telegram.access.CallbackSigner;
import dev.storyline.telegram.manual.CallbackData;
import dev.storyline.testkit.EventTap;
import dev.storyline.testkit.Eventually;
import dev.storyline.testkit.Isolated;
import dev.storyline.testkit.IsolatedInfrastructure;
import dev.storyline.testkit.fakes.FakeBotApi;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Telegram authority is scoped: brand B's team (TELEGRAM_ACCOUNT_USERS) sees and acts on brand B only;
 * a tap counts only from the chat and message its post was sent to, with the bot's own signed data;
 * commands are answered only in the configured chats. Every refusal changes nothing (rows, events,
 * messages).
 */
@TelegramTest
class TeamAuthorityTest {

    private static final long ADMIN = 1001;
    private static final long MEMBER = 2002;
    private static final long BRAND_B_ADMIN = 3003;
    private static final long BRAND_B_MEMBER = 3004;
    private static final String ADMIN_TOKEN = "admin-secret";
    private static final long CHANNEL = Long.parseLong(ManualPostMessageTest.CHANNEL);
    private static final long BRAND_B_CHAT = Long.parseLong(ManualPostMessageTest.BRAND_B_CHAT);
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final FakeBotApi telegram = new FakeBotApi(ManualPostMessageTest.TOKEN);
    private static final FakeScheduler scheduler = new FakeScheduler(ADMIN_TOKEN);
    private static final Isolated infra = IsolatedInfrastructure.forClass(TeamAuthorityTest.class);
    private static final EventTap events = EventTap.on(infra, "post.manual-resolved");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        ManualPostMessageTest.telegramProperties(registry, telegram, scheduler, ADMIN_TOKEN);
        registry.add(
                "storyline.telegram.account-users",
                () -> "brand-b:admin:" + BRAND_B_ADMIN + ",brand-b:member:" + BRAND_B_MEMBER);
    }

    @AfterAll
    static void close() {
        events.close();
        telegram.close();
        scheduler.close();
    }

    @Autowired
    JdbcClient jdbc;

    @Autowired
    CallbackSigner signer;

    @BeforeEach
    void twoAccounts() {
        scheduler.reset();
        scheduler.answer(
                "GET /api/accounts",
                "[" + FakeScheduler.account("default", true, true, false, null) + ","
                        + FakeScheduler.account("brand-b", true, true, false, null) + "]");
    }

    private UUID sentPost(String account) {
        EventEnvelope<PostRequested> request = Posts.manual(account, "memes/first.jpg", "image/jpeg");
        events.publish(request);
        Eventually.await(WAIT, "post sent", () -> "SENT".equals(status(request.postId())));
        return request.postId();
    }

    private FakeBotApi.Call messageOf(UUID postId) {
        return telegram.messagesWith(data(CallbackData.Action.POSTED, postId)).getFirst();
    }

    private static String data(CallbackData.Action action, UUID postId) {
        return new CallbackData(action, postId).encode();
    }

    /** The button's whole callback data as the bot sent it. */
    private static String shown(FakeBotApi.Call message, CallbackData.Action action, UUID postId) {
        Matcher button = Pattern.compile("\"callback_data\":\"(" + Pattern.quote(data(action, postId)) + "[^\"]*)\"")
                .matcher(message.param("reply_markup"));
        assertThat(button.find()).isTrue();
        return button.group(1);
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

    private String status(UUID postId) {
        return jdbc.sql("select status from manual_posts where post_id = :p")
                .param("p", postId)
                .query(String.class)
                .optional()
                .orElse(null);
    }

    private int resolvedEvents(UUID postId) {
        return jdbc.sql("select count(*) from outbox where post_id = :p and event_type = 'ManualPostResolved'")
                .param("p", postId)
                .query(Integer.class)
                .single();
    }

    private List<FakeBotApi.Call> editsOf(FakeBotApi.Call message) {
        return telegram.calls(c -> c.method().startsWith("edit")
                && String.valueOf(message.messageId()).equals(c.param("message_id")));
    }

    private void assertUntouched(UUID postId, FakeBotApi.Call message) {
        assertThat(status(postId)).isEqualTo("SENT");
        assertThat(resolvedEvents(postId)).isZero();
        assertThat(editsOf(message)).isEmpty();
        assertThat(jdbc.sql("select resolved_by_id from manual_posts where post_id = :p")
                        .param("p", postId)
                        .query(Long.class)
                        .optional())
                .isEmpty();
    }

    @Test
    void a_forged_callback_is_refused_and_changes_nothing() {
        UUID postId = sentPost("default");
        FakeBotApi.Call message = messageOf(postId);

        FakeBotApi.Call unsigned =
                answerTo(telegram.tapExactly(ADMIN, "ada", data(CallbackData.Action.CONFIRM_REJECT, postId), message));
        FakeBotApi.Call wrongMac = answerTo(telegram.tapExactly(
                ADMIN, "ada", data(CallbackData.Action.POSTED, postId) + ".AAAAAAAAAAAAAAAA", message));
        // a real button's signature on another action
        String swappedAction =
                "X" + shown(message, CallbackData.Action.POSTED, postId).substring(1);
        FakeBotApi.Call swapped = answerTo(telegram.tapExactly(ADMIN, "ada", swappedAction, message));

        assertThat(List.of(unsigned, wrongMac, swapped)).allSatisfy(answer -> {
            assertThat(answer.param("text")).contains("no longer valid");
            assertThat(answer.param("show_alert")).isEqualTo("true");
        });
        assertUntouched(postId, message);
    }

    @Test
    void a_tap_from_another_chat_is_refused_and_changes_nothing() {
        UUID postId = sentPost("default");
        FakeBotApi.Call message = messageOf(postId);
        String posted = shown(message, CallbackData.Action.POSTED, postId);

        FakeBotApi.Call elsewhere = answerTo(telegram.tapIn(ADMIN, "ada", posted, -100555, message.messageId()));
        FakeBotApi.Call otherTeam = answerTo(telegram.tapIn(ADMIN, "ada", posted, BRAND_B_CHAT, message.messageId()));
        FakeBotApi.Call noMessage = answerTo(telegram.tapExactly(ADMIN, "ada", posted, null));

        assertThat(List.of(elsewhere, otherTeam, noMessage))
                .allSatisfy(answer -> assertThat(answer.param("text")).contains("does not belong to this chat"));
        assertUntouched(postId, message);
        assertThat(telegram.calls(c -> c.method().startsWith("edit")
                        && !ManualPostMessageTest.CHANNEL.equals(c.param("chat_id"))
                        && !String.valueOf(CHANNEL).equals(c.param("chat_id"))))
                .isEmpty();

        // the same button on the post's own message still works
        telegram.tap(ADMIN, "ada", data(CallbackData.Action.POSTED, postId), message);
        assertThat(events.await(postId, ManualPostResolved.class).payload().telegramUserId())
                .isEqualTo(ADMIN);
    }

    @Test
    void a_brand_b_team_acts_on_brand_b_posts_and_cannot_touch_brand_a() {
        UUID brandA = sentPost("default");
        UUID brandB = sentPost("brand-b");
        FakeBotApi.Call brandAMessage = messageOf(brandA);
        assertThat(brandAMessage.param("chat_id")).isEqualTo(ManualPostMessageTest.CHANNEL);
        assertThat(messageOf(brandB).param("chat_id")).isEqualTo(ManualPostMessageTest.BRAND_B_CHAT);

        FakeBotApi.Call adminTap =
                answerTo(telegram.tap(BRAND_B_ADMIN, "bob", data(CallbackData.Action.POSTED, brandA), brandAMessage));
        FakeBotApi.Call memberTap =
                answerTo(telegram.tap(BRAND_B_MEMBER, "bea", data(CallbackData.Action.SKIPPED, brandA), brandAMessage));
        FakeBotApi.Call rejectTap = answerTo(
                telegram.tap(BRAND_B_ADMIN, "bob", data(CallbackData.Action.ASK_REJECT, brandA), brandAMessage));
        assertThat(List.of(adminTap, memberTap, rejectTap))
                .allSatisfy(answer -> assertThat(answer.param("text")).contains("not allowed"));
        assertUntouched(brandA, brandAMessage);

        telegram.tap(BRAND_B_MEMBER, "bea", data(CallbackData.Action.POSTED, brandB), messageOf(brandB));
        EventEnvelope<ManualPostResolved> resolved = events.await(brandB, ManualPostResolved.class);
        assertThat(resolved.payload().action()).isEqualTo(ManualAction.POSTED);
        assertThat(resolved.payload().telegramUserId()).isEqualTo(BRAND_B_MEMBER);
        assertUntouched(brandA, brandAMessage);
    }

    @Test
    void a_brand_b_member_sees_and_changes_brand_b_only() {
        scheduler
                .answer("GET /api/accounts/brand-b/queue", "[]")
                .answer("GET /api/accounts/default/queue", "[]")
                .answer("GET /api/accounts/brand-b/stats", stats("brand-b"))
                .answer("GET /api/accounts/default/stats", stats("default"))
                .answer(
                        "POST /api/accounts/brand-b/post-next",
                        "{\"postId\":\"00000000-0000-0000-0000-0000000000cc\"}");

        String status =
                Chats.ask(telegram, BRAND_B_CHAT, BRAND_B_MEMBER, "/status").param("text");
        assertThat(status).contains("📊 brand-b").doesNotContain("default");
        assertThat(Chats.ask(telegram, BRAND_B_CHAT, BRAND_B_MEMBER, "/history 5 default")
                        .param("text"))
                .contains("Unknown account 'default'");
        assertThat(Chats.ask(telegram, BRAND_B_CHAT, BRAND_B_MEMBER, "/next").param("text"))
                .contains("Only admins");
        assertThat(Chats.ask(telegram, BRAND_B_CHAT, BRAND_B_ADMIN, "/next default")
                        .param("text"))
                .contains("Unknown account 'default'");
        assertThat(Chats.ask(telegram, BRAND_B_CHAT, BRAND_B_ADMIN, "/pause default")
                        .param("text"))
                .contains("Unknown account 'default'");
        assertThat(Chats.ask(telegram, CHANNEL, BRAND_B_ADMIN, "/status").param("text"))
                .contains("No accounts to show here");
        assertThat(Chats.ask(telegram, BRAND_B_CHAT, BRAND_B_ADMIN, "/next").param("text"))
                .contains("brand-b: posting the next slot now");
        // the global admin, in brand B's chat, sees brand B only
        assertThat(Chats.ask(telegram, BRAND_B_CHAT, ADMIN, "/status").param("text"))
                .contains("📊 brand-b")
                .doesNotContain("📊 default");

        assertThat(scheduler.calls(c -> c.pathAndQuery().contains("/default/"))).isEmpty();
        assertThat(scheduler.calls(c -> c.method().equals("POST")).stream().map(FakeScheduler.Call::toString))
                .containsExactly("POST /api/accounts/brand-b/post-next");
    }

    @Test
    void commands_in_a_chat_that_is_not_configured_get_no_answer() {
        long stranger = -100424242L;
        telegram.say(ADMIN, "ada", stranger, "/status");
        telegram.say(MEMBER, "mia", stranger, "/help");
        // the poller handles updates in order: once this is answered, the two above were handled
        assertThat(Chats.ask(telegram, CHANNEL, MEMBER, "/help").param("text")).contains("/status");
        assertThat(telegram.calls(c -> c.method().equals("sendMessage")
                        && String.valueOf(stranger).equals(c.param("chat_id"))))
                .isEmpty();
        assertThat(scheduler.calls()).isEmpty();
    }

    @Test
    void a_tap_adopts_a_message_only_in_the_accounts_own_chat() {
        EventEnvelope<PostRequested> request = Posts.manual("brand-b", "memes/first.jpg", "image/jpeg");
        UUID postId = request.postId();
        // The sender claimed the post, Telegram delivered it, and the sender died before recording it.
        jdbc.sql("""
                        insert into manual_posts (post_id, account_id, correlation_id, status, claims, claim_id, claimed_until)
                        values (:p, 'brand-b', :c, 'SENDING', 1, gen_random_uuid(), now() + interval '10 minutes')
                        """).param("p", postId).param("c", request.correlationId()).update();
        String posted = signer.sign(data(CallbackData.Action.POSTED, postId));
        FakeBotApi.Call inChannel = new FakeBotApi.Call(
                "sendPhoto",
                Map.of("chat_id", ManualPostMessageTest.CHANNEL, "caption", "copied"),
                Map.of(),
                System.nanoTime(),
                5151,
                false);
        FakeBotApi.Call inBrandBChat = new FakeBotApi.Call(
                "sendPhoto",
                Map.of(
                        "chat_id",
                        ManualPostMessageTest.BRAND_B_CHAT,
                        "caption",
                        "📲 Story to post by hand · account brand-b"),
                Map.of(),
                System.nanoTime(),
                5252,
                false);

        assertThat(answerTo(telegram.tap(ADMIN, "ada", posted, inChannel)).param("text"))
                .contains("does not belong to this chat");
        assertThat(status(postId)).isEqualTo("SENDING");
        assertThat(jdbc.sql("select message_id from manual_posts where post_id = :p")
                        .param("p", postId)
                        .query(Long.class)
                        .optional())
                .isEmpty();

        telegram.tap(BRAND_B_MEMBER, "bea", posted, inBrandBChat);
        assertThat(events.await(postId, ManualPostResolved.class).payload().telegramUserId())
                .isEqualTo(BRAND_B_MEMBER);
        assertThat(jdbc.sql("select message_id from manual_posts where post_id = :p")
                        .param("p", postId)
                        .query(Long.class)
                        .single())
                .isEqualTo(5252);
    }

    private static String stats(String account) {
        return """
                {"accountId":"%s","active":5,"invalid":0,"locked":0,"eligible":5,"published":1,"postedManually":0,
                 "skipped":0,"rejected":0,"failed":0,"postsPerDay":6,"daysOfContentLeft":1.0}""".formatted(account);
    }
}
