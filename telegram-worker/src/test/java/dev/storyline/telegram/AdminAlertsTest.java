package dev.storyline.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storyline.contracts.events.AdminAlert;
import dev.storyline.contracts.events.AlertSeverity;
import dev.storyline.contracts.events.EventEnvelope;
import dev.storyline.contracts.events.TokenRefreshFailed;
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

@TelegramTest
class AdminAlertsTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final FakeBotApi telegram = new FakeBotApi(ManualPostMessageTest.TOKEN);
    private static final Isolated infra = IsolatedInfrastructure.forClass(AdminAlertsTest.class);
    private static final EventTap events = EventTap.on(infra);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        ManualPostMessageTest.telegramProperties(registry, telegram);
        registry.add("storyline.telegram.alert-throttle", () -> "1h");
        registry.add("storyline.telegram.console.public-url", () -> "https://console.example.com/");
    }

    @AfterAll
    static void close() {
        events.close();
        telegram.close();
    }

    @Autowired
    JdbcClient jdbc;

    private static List<FakeBotApi.Call> adminMessages(String containing) {
        return telegram.calls(
                c -> c.method().equals("sendMessage") && c.param("text").contains(containing));
    }

    private int suppressed(String key) {
        return jdbc.sql("select suppressed from alert_throttle where alert_key = :k")
                .param("k", key)
                .query(Integer.class)
                .single();
    }

    @Test
    void sends_an_admin_alert_to_the_admin_chat() {
        String marker = "DLQ not empty " + UUID.randomUUID();
        events.publish(
                EventEnvelope.forAccount("default", new AdminAlert("dlq:" + marker, AlertSeverity.WARNING, marker)));
        FakeBotApi.Call sent = Eventually.await(WAIT, "alert sent", () -> adminMessages(marker), c -> !c.isEmpty())
                .getFirst();
        assertThat(sent.param("chat_id")).isEqualTo("-1009999");
        assertThat(sent.param("text")).contains("WARNING", "account default");
    }

    @Test
    void repeats_of_an_alert_within_the_throttle_window_are_held_back_and_counted() {
        String key = "content-low:" + UUID.randomUUID();
        for (int i = 0; i < 3; i++) {
            events.publish(EventEnvelope.forAccount(
                    "default", new AdminAlert(key, AlertSeverity.INFO, "3 days of content left")));
        }
        Eventually.await(WAIT, "repeats counted in the database", () -> suppressed(key) == 2);
        assertThat(telegram.calls(
                        c -> c.method().equals("sendMessage") && c.param("text").contains("3 days of content left")))
                .hasSize(1);

        // another key is not held back by this one
        String other = "other " + UUID.randomUUID();
        events.publish(
                EventEnvelope.forAccount("default", new AdminAlert("other:" + other, AlertSeverity.INFO, other)));
        Eventually.await(WAIT, "other alert", () -> adminMessages(other).size() == 1);
    }

    @Test
    void a_failed_token_refresh_alerts_the_admins_once_per_window() {
        String account = "acct-" + UUID.randomUUID().toString().substring(0, 8);
        TokenRefreshFailed failed =
                new TokenRefreshFailed("OAuthException 190", Instant.parse("2030-01-01T00:00:00Z"), 5);
        events.publish(EventEnvelope.forAccount(account, failed));
        events.publish(EventEnvelope.forAccount(account, failed));
        FakeBotApi.Call sent = Eventually.await(WAIT, "token alert", () -> adminMessages(account), c -> !c.isEmpty())
                .getFirst();
        assertThat(sent.param("text"))
                .contains("CRITICAL", "could not be refreshed after 5 attempts", "OAuthException 190")
                .contains("Reconnect it in the console: https://console.example.com/connect?account=" + account);
        Eventually.await(WAIT, "repeat throttled", () -> suppressed("token-refresh-failed:" + account) == 1);
        assertThat(adminMessages(account)).hasSize(1);
    }

    @Test
    void a_revoked_token_is_reported_as_revoked_by_whoever_asked_not_as_a_failed_refresh() {
        String account = "acct-" + UUID.randomUUID().toString().substring(0, 8);
        events.publish(EventEnvelope.forAccount(
                account,
                new TokenRefreshFailed("token revoked by meta-deauthorize", null, 0, null, "meta-deauthorize")));
        FakeBotApi.Call sent = Eventually.await(
                        WAIT, "revocation alert", () -> adminMessages(account), c -> !c.isEmpty())
                .getFirst();
        assertThat(sent.param("text"))
                .contains("the Instagram token was revoked (token revoked by meta-deauthorize)")
                .doesNotContain("could not be refreshed");
    }

    @Test
    void an_alert_that_telegram_rate_limits_is_still_delivered() {
        telegram.failNext("sendMessage", 1, 429, FakeBotApi.tooManyRequests(1));
        String marker = "fallback rate high " + UUID.randomUUID();
        events.publish(
                EventEnvelope.forAccount("default", new AdminAlert("fallback-rate", AlertSeverity.WARNING, marker)));
        Eventually.await(WAIT, "alert after 429", () -> adminMessages(marker).size() == 2);
    }
}
