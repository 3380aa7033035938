package dev.storyline.platform.retention;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storyline.platform.testapp.ConsumerTestApplication;
import dev.storyline.testkit.IsolatedInfrastructure;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest(
        classes = ConsumerTestApplication.class,
        properties = {"spring.config.name=contracts-test", "storyline.retention.enabled=false"})
class RetentionTest {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        IsolatedInfrastructure.forClass(RetentionTest.class).register(registry);
    }

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Retention retention;

    @Autowired
    RetentionProperties properties;

    @BeforeEach
    void empty() {
        jdbc.sql("delete from inbox").update();
        jdbc.sql("delete from outbox").update();
    }

    @Test
    void every_service_prunes_its_inbox_and_outbox_with_the_documented_defaults() {
        assertThat(retention.targets()).extracting(RetentionTarget::table).contains("inbox", "outbox");
        assertThat(properties.period()).isEqualTo(Duration.ofDays(30));
        assertThat(properties.batchSize()).isEqualTo(1000);
    }

    @Test
    void old_inbox_rows_and_old_sent_outbox_rows_go_recent_and_unsent_rows_stay() {
        inbox("old", "31 days");
        inbox("recent", "29 days");
        outbox("old-sent", "8 days", true);
        outbox("recent-sent", "6 days", true);
        outbox("old-unsent", "60 days", false);

        retention.pruneOnce();

        assertThat(jdbc.sql("select consumer from inbox").query(String.class).list())
                .containsExactly("recent");
        assertThat(jdbc.sql("select event_type from outbox order by event_type")
                        .query(String.class)
                        .list())
                .containsExactly("old-unsent", "recent-sent");
    }

    @Test
    void one_delete_never_removes_more_than_its_batch_and_a_run_goes_on_until_all_old_rows_are_gone() {
        for (int i = 0; i < 25; i++) {
            inbox("old", "40 days");
        }
        inbox("recent", "1 day");
        RetentionTarget inboxTarget = retention.targets().stream()
                .filter(t -> t.table().equals("inbox"))
                .findFirst()
                .orElseThrow();

        int first = inboxTarget.delete().delete(java.time.Instant.now().minus(properties.period()), 10);

        assertThat(first).isEqualTo(10);
        assertThat(count()).isEqualTo(16);

        List<Integer> batches = new java.util.ArrayList<>();
        RetentionTarget counting = new RetentionTarget("inbox", properties.period(), (cutoff, limit) -> {
            int rows = inboxTarget.delete().delete(cutoff, limit);
            batches.add(rows);
            return rows;
        });
        Retention small = new Retention(
                List.of(counting),
                new RetentionProperties(Duration.ofDays(30), 4, Duration.ofHours(1), true),
                Clock.systemUTC(),
                new SimpleMeterRegistry());

        assertThat(small.pruneOnce()).containsEntry("inbox", 15);
        assertThat(batches).containsExactly(4, 4, 4, 3);
        assertThat(jdbc.sql("select consumer from inbox").query(String.class).list())
                .containsExactly("recent");
    }

    private int count() {
        return jdbc.sql("select count(*) from inbox").query(Integer.class).single();
    }

    private void inbox(String consumer, String age) {
        jdbc.sql(
                        "insert into inbox (consumer, event_id, event_type, processed_at) values (:c, :e, 'Test', now() - cast(:age as interval))")
                .param("c", consumer)
                .param("e", UUID.randomUUID())
                .param("age", age)
                .update();
    }

    private void outbox(String type, String age, boolean sent) {
        jdbc.sql("""
                        insert into outbox (event_id, event_type, routing_key, account_id, body, created_at, published_at)
                        values (:e, :t, 'test', 'a', '{}', now() - cast(:age as interval),
                                case when :sent then now() - cast(:age as interval) end)
                        """)
                .param("e", UUID.randomUUID())
                .param("t", type)
                .param("age", age)
                .param("sent", sent)
                .update();
    }
}
