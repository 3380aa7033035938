package dev.storyline.scheduler.schedule;

import dev.storyline.platform.retention.RetentionProperties;
import dev.storyline.platform.retention.RetentionTarget;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The scheduler's working tables that retention prunes. Slots still waiting or in flight are never
 * pruned; the posting history (what was posted, by whom) is kept for good.
 */
@Configuration(proxyBeanMethods = false)
class SlotRetention {

    @Bean
    RetentionTarget finishedSlots(JdbcClient jdbc, RetentionProperties retention) {
        return RetentionTarget.sql(jdbc, "slots", retention.period(), """
                delete from slots where id in (
                    select id from slots
                    where status in ('PUBLISHED', 'RESOLVED', 'FAILED', 'MISSED', 'EMPTY')
                      and coalesce(completed_at, slot_at) < :cutoff
                    order by coalesce(completed_at, slot_at)
                    limit :limit)
                """);
    }

    /** Days long past are never planned again; only today and later are looked up. */
    @Bean
    RetentionTarget pastPlannedDays(JdbcClient jdbc, RetentionProperties retention) {
        return RetentionTarget.sql(jdbc, "planned_days", retention.period(), """
                delete from planned_days where ctid = any (array(
                    select ctid from planned_days where day < cast(:cutoff as date) limit :limit))
                """);
    }
}
