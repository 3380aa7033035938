package dev.storyline.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storyline.testkit.Eventually;
import dev.storyline.testkit.fakes.FakeBotApi;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The chat commands, served through getUpdates, against a wire fake of the scheduler's admin API. */
@TelegramTest
class CommandsTest {

    private static final long ADMIN = 1001;
    private static final long MEMBER = 2002;
    private static final long STRANGER = 666;
    private static final String ADMIN_TOKEN = "admin-secret";
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final FakeBotApi telegram = new FakeBotApi(ManualPostMessageTest.TOKEN);
    private static final FakeScheduler scheduler = new FakeScheduler(ADMIN_TOKEN);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        ManualPostMessageTest.telegramProperties(registry, telegram, scheduler, ADMIN_TOKEN);
    }

    @AfterAll
    static void close() {
        telegram.close();
        scheduler.close();
    }

    @BeforeEach
    void oneAccount() {
        scheduler.reset();
        scheduler.answer("GET /api/accounts", "[" + FakeScheduler.account("main", true, true, false, null) + "]");
    }

    /** Says {@code text} in the team chat (commands are answered only in configured chats) and returns the answer. */
    private static FakeBotApi.Call ask(long user, String text) {
        return askIn(Long.parseLong(ManualPostMessageTest.CHANNEL), user, text);
    }

    private static FakeBotApi.Call askIn(long chat, long user, String text) {
        return Chats.ask(telegram, chat, user, user == ADMIN ? "ada" : user == MEMBER ? "mia" : "mallory", text);
    }

    private static String reply(long user, String text) {
        return ask(user, text).param("text");
    }

    private static List<String> schedulerCalls() {
        return scheduler.calls().stream().map(FakeScheduler.Call::toString).toList();
    }

    @Test
    void registers_the_command_menu_at_start_up() {
        FakeBotApi.Call menu = Eventually.await(
                        WAIT, "setMyCommands", () -> telegram.calls("setMyCommands"), calls -> !calls.isEmpty())
                .getFirst();
        assertThat(menu.param("commands"))
                .contains(
                        "\"status\"",
                        "\"queue\"",
                        "\"next\"",
                        "\"pause\"",
                        "\"resume\"",
                        "\"schedule\"",
                        "\"stats\"",
                        "\"history\"",
                        "\"locks\"",
                        "\"help\"");
    }

    @Test
    void help_lists_every_command() {
        assertThat(reply(MEMBER, "/help"))
                .contains(
                        "/status",
                        "/queue",
                        "/next",
                        "/pause",
                        "/resume",
                        "/schedule N",
                        "/stats",
                        "/history",
                        "/locks");
        assertThat(scheduler.calls()).isEmpty();
    }

    @Test
    void status_shows_pause_state_api_health_next_slot_and_content_per_account() {
        Instant restingUntil = Instant.now().plus(Duration.ofHours(2));
        scheduler
                .answer(
                        "GET /api/accounts",
                        "[" + FakeScheduler.account("main", true, true, false, null) + ","
                                + FakeScheduler.account("shop", true, true, true, restingUntil.toString()) + "]")
                .answer("GET /api/accounts/main/queue", """
                        [{"id":"00000000-0000-0000-0000-000000000001","slotAt":"2030-01-01T08:00:00Z","category":"memes",
                          "status":"DISPATCHED","mediaPath":"memes/a.jpg","route":"AUTO"},
                         {"id":"00000000-0000-0000-0000-000000000002","slotAt":"2030-01-01T10:30:00Z","category":"merch",
                          "status":"PLANNED","mediaPath":null,"route":null}]""")
                .answer("GET /api/accounts/shop/queue", "[]")
                .answer("GET /api/accounts/main/stats", stats("main", 12.5))
                .answer("GET /api/accounts/shop/stats", stats("shop", null));

        String text = reply(MEMBER, "/status");

        assertThat(text)
                .contains(
                        "📊 main",
                        "▶️ running",
                        "✅ enabled and healthy",
                        "next slot: 2030-01-01 10:30 UTC · merch",
                        "40 eligible of 50 active",
                        "12.5 days of content left");
        assertThat(text)
                .contains("📊 shop", "⏸ paused", "resting until", "next slot: none planned", "days left unknown");
        assertThat(schedulerCalls())
                .contains(
                        "GET /api/accounts",
                        "GET /api/accounts/main/queue?limit=10",
                        "GET /api/accounts/main/stats",
                        "GET /api/accounts/shop/queue?limit=10",
                        "GET /api/accounts/shop/stats");
        assertThat(scheduler.refused()).isZero();
    }

    @Test
    void status_of_one_account_and_an_unknown_one() {
        scheduler
                .answer("GET /api/accounts/main/queue", "[]")
                .answer("GET /api/accounts/main/stats", stats("main", 3.0));
        assertThat(reply(MEMBER, "/status main")).contains("📊 main", "3.0 days of content left");
        assertThat(reply(MEMBER, "/status nope")).contains("Unknown account 'nope'", "main");
    }

    @Test
    void queue_lists_the_upcoming_slots() {
        scheduler.answer("GET /api/accounts/main/queue", """
                [{"id":"00000000-0000-0000-0000-000000000002","slotAt":"2030-01-01T10:30:00Z","category":"merch",
                  "status":"PLANNED","mediaPath":"merch/b.mp4","route":"MANUAL"}]""");
        assertThat(reply(MEMBER, "/queue"))
                .contains("🗓 main", "2030-01-01 10:30 UTC · merch · PLANNED MANUAL · merch/b.mp4");
        assertThat(schedulerCalls()).contains("GET /api/accounts/main/queue?limit=10");
    }

    @Test
    void stats_shows_library_and_posting_figures() {
        scheduler.answer("GET /api/accounts/main/stats", stats("main", 7.25));
        assertThat(reply(MEMBER, "/stats@StorylineBot main"))
                .contains(
                        "📈 main",
                        "50 active, 40 eligible, 2 invalid, 8 locked",
                        "30 published, 4 posted manually, 3 skipped, 1 rejected, 2 failed",
                        "7.3 days of content left at 6 posts/day");
        assertThat(schedulerCalls()).containsExactly("GET /api/accounts", "GET /api/accounts/main/stats");
    }

    @Test
    void history_shows_the_last_n_posts() {
        scheduler.answer("GET /api/accounts/main/history", """
                [{"postId":"00000000-0000-0000-0000-0000000000aa","status":"POSTED_MANUALLY","method":"MANUAL",
                  "postedBy":"@mia","dryRun":false,"mediaPath":"memes/c.jpg","occurredAt":"2030-01-02T09:00:00Z"},
                 {"postId":"00000000-0000-0000-0000-0000000000bb","status":"FAILED","method":"API","error":"(#10) boom",
                  "dryRun":true,"mediaPath":"memes/d.jpg","occurredAt":"2030-01-02T08:00:00Z"}]""");
        assertThat(reply(MEMBER, "/history 3"))
                .contains(
                        "📜 main — last 2",
                        "2030-01-02 09:00 UTC · POSTED_MANUALLY · MANUAL · memes/c.jpg · by @mia",
                        "FAILED · API (dry-run) · memes/d.jpg · (#10) boom");
        assertThat(schedulerCalls()).contains("GET /api/accounts/main/history?limit=3");
        assertThat(reply(MEMBER, "/history 500")).contains("N must be 1..50");
    }

    @Test
    void locks_lists_locked_media() {
        scheduler.answer("GET /api/accounts/main/locks", """
                [{"mediaId":"00000000-0000-0000-0000-000000000003","mediaPath":"memes/e.jpg","reason":"REPOST_WINDOW",
                  "lockedUntil":"2030-02-01T00:00:00Z","permanent":false},
                 {"mediaId":"00000000-0000-0000-0000-000000000004","mediaPath":"memes/f.jpg","reason":"REJECTED",
                  "permanent":true}]""");
        assertThat(reply(MEMBER, "/locks"))
                .contains(
                        "🔒 main — 2 locked",
                        "memes/e.jpg · REPOST_WINDOW · until 2030-02-01 00:00 UTC",
                        "memes/f.jpg · REJECTED · for good");
        assertThat(schedulerCalls()).contains("GET /api/accounts/main/locks");
    }

    @Test
    void next_posts_the_next_slot_of_the_only_account() {
        scheduler.answer("POST /api/accounts/main/post-next", "{\"postId\":\"00000000-0000-0000-0000-0000000000cc\"}");
        assertThat(reply(ADMIN, "/next"))
                .contains("main: posting the next slot now (post 00000000-0000-0000-0000-0000000000cc)");
        assertThat(schedulerCalls()).containsExactly("GET /api/accounts", "POST /api/accounts/main/post-next");
    }

    @Test
    void next_runs_once_when_telegram_serves_the_update_again_after_a_poller_hand_over() {
        scheduler.answer("POST /api/accounts/main/post-next", "{\"postId\":\"00000000-0000-0000-0000-0000000000cd\"}");
        long chat = Long.parseLong(ManualPostMessageTest.CHANNEL);
        int before = Chats.answersIn(telegram, chat).size();
        int update = telegram.say(ADMIN, "ada", chat, "/next");
        Eventually.await(WAIT, "answered", () -> Chats.answersIn(telegram, chat), calls -> calls.size() > before);

        // the poller that handled it stopped before confirming it: Telegram serves it to the next poller
        telegram.serveAgain(update);
        Eventually.await(WAIT, "re-served update confirmed", telegram::allConfirmed);
        assertThat(reply(MEMBER, "/help")).contains("/next");

        assertThat(scheduler.calls(c -> c.method().equals("POST"))).hasSize(1);
        assertThat(Chats.answersIn(telegram, chat)).hasSize(before + 2);
    }

    @Test
    void a_slot_without_a_category_shows_any_category() {
        scheduler
                .answer("GET /api/accounts/main/queue", """
                [{"id":"00000000-0000-0000-0000-000000000002","slotAt":"2030-01-01T10:30:00Z","category":null,
                  "status":"PLANNED","mediaPath":null,"route":null}]""")
                .answer("GET /api/accounts/main/stats", stats("main", 3.0));
        assertThat(reply(MEMBER, "/status"))
                .contains("next slot: 2030-01-01 10:30 UTC · any category")
                .doesNotContain("null");
        assertThat(reply(MEMBER, "/queue"))
                .contains("2030-01-01 10:30 UTC · any category · PLANNED")
                .doesNotContain("null");
    }

    @Test
    void pause_pauses_the_named_account() {
        scheduler.answer("POST /api/accounts/main/pause", FakeScheduler.account("main", true, true, true, null));
        assertThat(reply(ADMIN, "/pause main")).contains("⏸ main is paused by @ada", "/resume main");
        assertThat(schedulerCalls()).containsExactly("POST /api/accounts/main/pause");
    }

    @Test
    void a_command_that_changes_something_asks_which_account_when_there_are_several() {
        scheduler.answer(
                "GET /api/accounts",
                "[" + FakeScheduler.account("main", true, true, false, null) + ","
                        + FakeScheduler.account("shop", false, true, false, null) + "]");
        assertThat(reply(ADMIN, "/pause")).contains("Which account?", "main, shop");
        assertThat(scheduler.calls(c -> c.method().equals("POST"))).isEmpty();
    }

    @Test
    void resume_asks_about_overdue_slots_and_a_tap_resumes_and_shows_who_did_it() {
        scheduler.answer(
                "POST /api/accounts/main/resume", "{\"accountId\":\"main\",\"overdue\":\"RESCHEDULE\",\"affected\":2}");
        FakeBotApi.Call question = ask(ADMIN, "/resume");
        assertThat(question.param("text")).contains("Resume main", "Drop", "Reschedule", "Force");
        assertThat(question.param("reply_markup")).contains("OD:main", "OR:main", "OF:main");
        assertThat(scheduler.calls(c -> c.method().equals("POST"))).isEmpty();

        String tap = telegram.tap(ADMIN, "ada", "OR:main", question);
        FakeBotApi.Call answer = Eventually.await(
                        WAIT,
                        "tap answered",
                        () -> telegram.calls(c ->
                                c.method().equals("answerCallbackQuery") && tap.equals(c.param("callback_query_id"))),
                        c -> !c.isEmpty())
                .getFirst();
        assertThat(answer.param("text")).contains("main resumed by @ada; 2 overdue slots rescheduled");
        assertThat(schedulerCalls()).contains("POST /api/accounts/main/resume?overdue=RESCHEDULE");
        FakeBotApi.Call edited = Eventually.await(
                        WAIT,
                        "question edited",
                        () -> telegram.calls(c -> c.method().equals("editMessageText")
                                && question.param("chat_id").equals(c.param("chat_id"))),
                        c -> !c.isEmpty())
                .getFirst();
        assertThat(edited.param("message_id")).isEqualTo(String.valueOf(question.messageId()));
        assertThat(edited.param("text")).contains("resumed by @ada");
        assertThat(edited.param("reply_markup")).isNull();
    }

    @Test
    void resume_takes_the_overdue_choice_as_an_argument() {
        scheduler.answer(
                "POST /api/accounts/main/resume", "{\"accountId\":\"main\",\"overdue\":\"FORCE\",\"affected\":1}");
        assertThat(reply(ADMIN, "/resume main force")).contains("main resumed by @ada; 1 overdue slot forced");
        assertThat(schedulerCalls()).containsExactly("POST /api/accounts/main/resume?overdue=FORCE");
    }

    @Test
    void a_member_cannot_tap_resume() {
        FakeBotApi.Call question = ask(ADMIN, "/resume");
        scheduler.reset();
        String tap = telegram.tap(MEMBER, "mia", "OD:main", question);
        FakeBotApi.Call answer = Eventually.await(
                        WAIT,
                        "tap answered",
                        () -> telegram.calls(c ->
                                c.method().equals("answerCallbackQuery") && tap.equals(c.param("callback_query_id"))),
                        c -> !c.isEmpty())
                .getFirst();
        assertThat(answer.param("text")).contains("Only admins");
        assertThat(answer.param("show_alert")).isEqualTo("true");
        assertThat(scheduler.calls()).isEmpty();
    }

    @Test
    void schedule_plans_n_days_ahead() {
        scheduler.answer("POST /api/accounts/main/schedule", "{\"slotsCreated\":30}");
        assertThat(reply(ADMIN, "/schedule 14")).contains("main: planned 14 days ahead, 30 new slots");
        assertThat(schedulerCalls()).contains("POST /api/accounts/main/schedule?days=14");
        assertThat(reply(ADMIN, "/schedule")).contains("Usage: /schedule N");
        assertThat(scheduler.calls(c -> c.method().equals("POST"))).hasSize(1);
    }

    @Test
    void members_may_read_but_not_change_anything() {
        assertThat(reply(MEMBER, "/pause main")).contains("Only admins can use /pause");
        assertThat(reply(MEMBER, "/next")).contains("Only admins can use /next");
        assertThat(reply(MEMBER, "/resume main drop")).contains("Only admins can use /resume");
        assertThat(reply(MEMBER, "/schedule 7")).contains("Only admins can use /schedule");
        // reading (the account list a command is scoped by) is allowed; a late read of an earlier test may land here
        // too
        assertThat(scheduler.calls(c -> !c.method().equals("GET"))).isEmpty();
    }

    @Test
    void a_stranger_is_refused_and_the_scheduler_is_not_called() {
        assertThat(reply(STRANGER, "/status")).contains("not allowed");
        assertThat(reply(STRANGER, "/pause main")).contains("not allowed");
        assertThat(scheduler.calls()).isEmpty();
    }

    @Test
    void an_unknown_command_points_to_help() {
        assertThat(reply(MEMBER, "/frobnicate")).contains("Unknown command /frobnicate", "/help");
    }

    @Test
    void scheduler_errors_are_answered_in_the_chat_and_the_bot_keeps_going() {
        assertThat(reply(ADMIN, "/pause ghost")).contains("/pause failed: unknown account 'ghost'");

        scheduler.answer("GET /api/accounts", 500, "{\"error\":\"database is down\"}");
        assertThat(reply(MEMBER, "/status")).contains("/status failed: database is down");

        scheduler.expectToken("another-token");
        assertThat(reply(MEMBER, "/queue")).contains("/queue failed: the scheduler refused the admin token");
        assertThat(scheduler.refused()).isPositive();

        scheduler.reset();
        scheduler.delay(2500);
        assertThat(reply(MEMBER, "/locks")).contains("/locks failed: the scheduler did not answer in time");

        // the poller is still serving commands and taps
        scheduler.reset();
        scheduler
                .answer("GET /api/accounts", "[" + FakeScheduler.account("main", true, true, false, null) + "]")
                .answer("GET /api/accounts/main/locks", "[]");
        assertThat(reply(MEMBER, "/locks")).contains("main: no media is locked");
    }

    private static String stats(String account, Double daysLeft) {
        return """
                {"accountId":"%s","active":50,"invalid":2,"locked":8,"eligible":40,"published":30,"postedManually":4,
                 "skipped":3,"rejected":1,"failed":2,"postsPerDay":6,"daysOfContentLeft":%s}""".formatted(account, daysLeft);
    }
}
