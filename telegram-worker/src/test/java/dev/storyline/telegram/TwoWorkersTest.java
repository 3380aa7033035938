package dev.storyline.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storyline.contracts.events.EventEnvelope;
import dev.storyline.contracts.events.PostRequested;
import dev.storyline.telegram.manual.CallbackData;
import dev.storyline.testkit.EventTap;
import dev.storyline.testkit.Eventually;
import dev.storyline.testkit.Isolated;
import dev.storyline.testkit.IsolatedInfrastructure;
import dev.storyline.testkit.fakes.FakeBotApi;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Two telegram-workers on one bot token: both send, one polls, and the other takes over when it stops. */
class TwoWorkersTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final FakeBotApi telegram = new FakeBotApi(ManualPostMessageTest.TOKEN);
    private static final Isolated infra = IsolatedInfrastructure.forClass(TwoWorkersTest.class);
    private static final EventTap events = EventTap.on(infra);
    private static final JdbcClient jdbc = infra.jdbc("telegram");

    @AfterAll
    static void close() {
        events.close();
        telegram.close();
    }

    private static ConfigurableApplicationContext startWorker() {
        Map<String, Object> properties = new HashMap<>(infra.springProperties());
        properties.putAll(ManualPostMessageTest.telegramSettings(telegram));
        // As arguments: default properties would rank below storyline-defaults.yml.
        String[] args = properties.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        return new SpringApplicationBuilder(TelegramWorkerApplication.class).run(args);
    }

    private static UUID leaseHolder() {
        return jdbc.sql("select holder from poller_leases where bot_id = '123456' and lease_until > now()")
                .query(UUID.class)
                .optional()
                .orElse(null);
    }

    private static java.sql.Timestamp leaseUntil() {
        return jdbc.sql("select lease_until from poller_leases where bot_id = '123456'")
                .query(java.sql.Timestamp.class)
                .single();
    }

    private static boolean answered(String queryId) {
        return !telegram.calls(
                        c -> c.method().equals("answerCallbackQuery") && queryId.equals(c.param("callback_query_id")))
                .isEmpty();
    }

    @Test
    void one_of_two_workers_polls_and_the_other_takes_over_when_it_stops() {
        ConfigurableApplicationContext first = startWorker();
        ConfigurableApplicationContext second = null;
        try {
            UUID firstHolder =
                    Eventually.await(WAIT, "first worker polls", TwoWorkersTest::leaseHolder, h -> h != null);
            second = startWorker();

            // both consume requests; each post still gets exactly one message
            List<EventEnvelope<PostRequested>> requests =
                    List.of(Posts.manualPhoto(), Posts.manualPhoto(), Posts.manualPhoto());
            requests.forEach(events::publish);
            requests.forEach(events::publish);
            for (EventEnvelope<PostRequested> request : requests) {
                String data = new CallbackData(CallbackData.Action.POSTED, request.postId()).encode();
                Eventually.await(
                        WAIT,
                        "message for " + request.postId(),
                        () -> telegram.messagesWith(data).size() == 1);
            }

            // several lease rounds with two workers up: the holder never changed, Telegram never saw a second poller
            String tap = telegram.tap(
                    2002,
                    "mia",
                    new CallbackData(CallbackData.Action.POSTED, requests.get(0).postId()).encode());
            Eventually.await(WAIT, "tap answered", () -> answered(tap));
            java.sql.Timestamp before = leaseUntil();
            Eventually.await(
                    WAIT,
                    "the lease renewed over several polling rounds",
                    () -> leaseUntil().getTime() - before.getTime() >= 3000);
            assertThat(leaseHolder()).isEqualTo(firstHolder);
            assertThat(telegram.conflicts()).isZero();

            first.close();
            UUID secondHolder = Eventually.await(
                    WAIT,
                    "second worker takes over",
                    TwoWorkersTest::leaseHolder,
                    h -> h != null && !h.equals(firstHolder));
            assertThat(secondHolder).isNotEqualTo(firstHolder);
            String afterHandOver = telegram.tap(
                    2002,
                    "mia",
                    new CallbackData(
                                    CallbackData.Action.SKIPPED, requests.get(1).postId())
                            .encode());
            Eventually.await(WAIT, "tap answered after hand-over", () -> answered(afterHandOver));
            assertThat(telegram.conflicts()).isZero();
        } finally {
            if (first.isActive()) {
                first.close();
            }
            if (second != null) {
                second.close();
            }
        }
    }
}
