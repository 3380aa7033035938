package dev.storyline.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storyline.platform.retention.Retention;
import dev.storyline.testkit.fakes.FakeBotApi;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@TelegramTest(properties = "storyline.retention.enabled=false")
class ManualPostRetentionTest {

    private static final FakeBotApi telegram = new FakeBotApi(ManualPostMessageTest.TOKEN);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        ManualPostMessageTest.telegramProperties(registry, telegram);
    }

    @AfterAll
    static void close() {
        telegram.close();
    }

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Retention retention;

    @Test
    void finished_manual_posts_and_quiet_alert_keys_older_than_the_period_go_waiting_posts_stay() {
        UUID oldResolved = manualPost("RESOLVED", "40 days");
        UUID oldFailed = manualPost("FAILED", "31 days");
        UUID recentResolved = manualPost("RESOLVED", "3 days");
        UUID oldWaiting = manualPost("SENT", "90 days");
        jdbc.sql("""
                        insert into alert_throttle (alert_key, last_sent_at)
                        values ('old', now() - interval '40 days'), ('recent', now() - interval '1 hour')
                        """).update();

        var deleted = retention.pruneOnce();

        assertThat(deleted).containsEntry("manual_posts", 2).containsEntry("alert_throttle", 1);
        assertThat(jdbc.sql("select post_id from manual_posts")
                        .query(UUID.class)
                        .list())
                .containsExactlyInAnyOrder(recentResolved, oldWaiting)
                .doesNotContain(oldResolved, oldFailed);
        assertThat(jdbc.sql("select alert_key from alert_throttle")
                        .query(String.class)
                        .list())
                .contains("recent")
                .doesNotContain("old");
    }

    private UUID manualPost(String status, String age) {
        UUID id = UUID.randomUUID();
        boolean resolved = status.equals("RESOLVED");
        jdbc.sql("""
                        insert into manual_posts (post_id, account_id, correlation_id, status, message_id,
                                                  resolved_action, resolved_by_id, resolved_at, created_at, updated_at)
                        values (:id, 'a', :id, :status, case when :status in ('SENT', 'RESOLVED') then 1 end,
                                case when :resolved then 'POSTED' end, case when :resolved then 42 end,
                                case when :resolved then now() end,
                                now() - cast(:age as interval), now() - cast(:age as interval))
                        """)
                .param("id", id)
                .param("status", status)
                .param("resolved", resolved)
                .param("age", age)
                .update();
        return id;
    }
}
