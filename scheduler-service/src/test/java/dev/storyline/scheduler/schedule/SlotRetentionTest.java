package dev.storyline.scheduler.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storyline.platform.retention.Retention;
import dev.storyline.scheduler.MediaLibrary;
import dev.storyline.scheduler.SchedulerTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SchedulerTest(properties = "storyline.retention.enabled=false")
class SlotRetentionTest {

    @DynamicPropertySource
    static void mediaRoot(DynamicPropertyRegistry registry) {
        registry.add("storyline.scheduler.media-root", MediaLibrary.newRoot()::toString);
    }

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Retention retention;

    @Test
    void finished_slots_older_than_the_period_go_with_their_timeline_waiting_ones_and_the_history_stay() {
        UUID oldPublished = slot("PUBLISHED", "40 days");
        UUID oldMissed = slot("MISSED", "31 days");
        UUID recentPublished = slot("PUBLISHED", "29 days");
        UUID oldInFlight = slot("MANUAL_PENDING", "90 days");
        UUID oldPlanned = slot("PLANNED", "90 days");
        jdbc.sql("""
                        insert into posting_history (account_id, post_id, status, event_id, occurred_at)
                        values ('default', :post, 'PUBLISHED', :event, now() - interval '400 days')
                        """)
                .param("post", oldPublished)
                .param("event", UUID.randomUUID())
                .update();
        jdbc.sql(
                        "insert into planned_days (account_id, day) values ('default', current_date - 40), ('default', current_date)")
                .update();
        for (UUID slot : java.util.List.of(oldPublished, recentPublished)) {
            jdbc.sql("""
                            insert into slot_events (slot_id, account_id, type) values (:slot, 'default', 'DISPATCHED'),
                                                                                      (:slot, 'default', 'PUBLISHED')
                            """).param("slot", slot).update();
        }

        assertThat(retention.pruneOnce()).containsEntry("slots", 2).containsEntry("planned_days", 1);

        assertThat(jdbc.sql("select id from slots").query(UUID.class).list())
                .containsExactlyInAnyOrder(recentPublished, oldInFlight, oldPlanned)
                .doesNotContain(oldMissed);
        assertThat(jdbc.sql("select count(*) from posting_history")
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
        // a slot's timeline goes with it
        assertThat(jdbc.sql("select distinct slot_id from slot_events")
                        .query(UUID.class)
                        .list())
                .containsExactly(recentPublished);
        assertThat(jdbc.sql("select count(*) from planned_days where day = current_date")
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
    }

    private UUID slot(String status, String age) {
        UUID id = UUID.randomUUID();
        boolean finished = !status.equals("PLANNED") && !status.equals("MANUAL_PENDING");
        jdbc.sql("""
                        insert into slots (id, account_id, slot_at, status, completed_at)
                        values (:id, 'default', now() - cast(:age as interval), :status,
                                case when :finished then now() - cast(:age as interval) end)
                        """)
                .param("id", id)
                .param("age", age)
                .param("status", status)
                .param("finished", finished)
                .update();
        return id;
    }
}
