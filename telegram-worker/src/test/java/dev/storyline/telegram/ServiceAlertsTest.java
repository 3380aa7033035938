package dev.storyline.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storyline.testkit.Eventually;
import dev.storyline.testkit.Isolated;
import dev.storyline.testkit.IsolatedInfrastructure;
import dev.storyline.testkit.fakes.FakeBotApi;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The worker's own alerts: started, stopping, and dead-letter queues that are not empty. */
class ServiceAlertsTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String ADMIN_CHAT = "-1009999";
    private static final FakeBotApi telegram = new FakeBotApi(ManualPostMessageTest.TOKEN);
    private static final Isolated infra = IsolatedInfrastructure.forClass(ServiceAlertsTest.class);
    private static final JdbcClient jdbc = infra.jdbc("telegram");
    private static final RabbitTemplate rabbit = infra.rabbitTemplate();

    @AfterAll
    static void close() {
        ((CachingConnectionFactory) rabbit.getConnectionFactory()).destroy();
        telegram.close();
    }

    private static ConfigurableApplicationContext startWorker() {
        Map<String, Object> properties = new HashMap<>(infra.springProperties());
        properties.putAll(ManualPostMessageTest.telegramSettings(telegram));
        properties.put("storyline.telegram.dlq-check.interval", "300ms");
        String[] args = properties.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        return new SpringApplicationBuilder(TelegramWorkerApplication.class).run(args);
    }

    private static List<FakeBotApi.Call> alerts(String containing) {
        return telegram.calls(c -> c.method().equals("sendMessage")
                && ADMIN_CHAT.equals(c.param("chat_id"))
                && c.param("text").contains(containing));
    }

    private static int suppressed(String key) {
        return jdbc.sql("select coalesce(max(suppressed), 0) from alert_throttle where alert_key = :k")
                .param("k", key)
                .query(Integer.class)
                .single();
    }

    @Test
    void announces_start_and_stop_and_alerts_once_per_window_while_a_dead_letter_queue_holds_messages() {
        ConfigurableApplicationContext worker = startWorker();
        try {
            FakeBotApi.Call started = Eventually.await(
                            WAIT, "started alert", () -> alerts("telegram-worker started"), c -> !c.isEmpty())
                    .getFirst();
            assertThat(started.param("text")).contains("INFO");

            // every dead-letter queue is empty: no DLQ alert
            assertThat(alerts("dead-letter queue")).isEmpty();

            rabbit.send(
                    "",
                    "upload.requests.dlq",
                    MessageBuilder.withBody("{}".getBytes(StandardCharsets.UTF_8))
                            .build());
            FakeBotApi.Call dlq = Eventually.await(
                            WAIT, "DLQ alert", () -> alerts("upload.requests.dlq"), c -> !c.isEmpty())
                    .getFirst();
            assertThat(dlq.param("text"))
                    .contains(
                            "WARNING",
                            "dead-letter queue upload.requests.dlq holds 1 message",
                            "storyline dlq list upload.requests");

            // the next checks find it again: held back and counted, not repeated
            Eventually.await(WAIT, "repeats counted", () -> suppressed("dlq:upload.requests.dlq") >= 2);
            assertThat(alerts("upload.requests.dlq")).hasSize(1);
            assertThat(alerts("dead-letter queue")).hasSize(1);
        } finally {
            worker.close();
        }
        assertThat(alerts("telegram-worker stopping")).hasSize(1);
    }
}
