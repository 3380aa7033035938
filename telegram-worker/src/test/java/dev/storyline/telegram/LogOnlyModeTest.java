package dev.storyline.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storyline.contracts.events.AdminAlert;
import dev.storyline.contracts.events.AlertSeverity;
import dev.storyline.contracts.events.EventEnvelope;
import dev.storyline.contracts.events.PostRequested;
import dev.storyline.testkit.EventTap;
import dev.storyline.testkit.Eventually;
import dev.storyline.testkit.Isolated;
import dev.storyline.testkit.IsolatedInfrastructure;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The credential-free demo: no token, no chat ids, no media folder — the worker consumes and logs. */
@TelegramTest(
        properties = {
            "storyline.telegram.bot-token=",
            "storyline.telegram.channel-id=",
            "storyline.telegram.admin-chat-id=",
            "storyline.telegram.media-root=",
            "server.port=0"
        })
class LogOnlyModeTest {

    private static final Isolated infra = IsolatedInfrastructure.forClass(LogOnlyModeTest.class);
    private static final EventTap events = EventTap.on(infra);

    @AfterAll
    static void close() {
        events.close();
    }

    @Autowired
    JdbcClient jdbc;

    private boolean processed(EventEnvelope<?> event) {
        return jdbc.sql("select count(*) from inbox where event_id = :e")
                        .param("e", event.eventId())
                        .query(Integer.class)
                        .single()
                == 1;
    }

    @Test
    void consumes_manual_requests_and_alerts_without_a_bot_token() {
        EventEnvelope<PostRequested> request = Posts.manualPhoto();
        EventEnvelope<AdminAlert> alert =
                EventEnvelope.forAccount("default", new AdminAlert("demo", AlertSeverity.INFO, "hello"));
        events.publish(request);
        events.publish(alert);
        Eventually.await(Duration.ofSeconds(20), "both consumed", () -> processed(request) && processed(alert));
        assertThat(jdbc.sql("select count(*) from manual_posts")
                        .query(Integer.class)
                        .single())
                .isZero();
    }
}
