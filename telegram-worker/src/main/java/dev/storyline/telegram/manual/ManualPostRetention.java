package dev.storyline.telegram.manual;

import dev.storyline.platform.retention.RetentionProperties;
import dev.storyline.platform.retention.RetentionTarget;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * telegram-worker's tables retention prunes: manual posts a person (or the API) has finished, and
 * alert-throttle keys quiet for the whole period. A message still waiting for a tap is never pruned.
 */
@Configuration(proxyBeanMethods = false)
class ManualPostRetention {

    @Bean
    RetentionTarget finishedManualPosts(JdbcClient jdbc, RetentionProperties retention) {
        return RetentionTarget.sql(jdbc, "manual_posts", retention.period(), """
                delete from manual_posts where post_id in (
                    select post_id from manual_posts
                    where status in ('RESOLVED', 'FAILED', 'HANDED_BACK') and updated_at < :cutoff
                    order by updated_at
                    limit :limit)
                """);
    }

    /** A decision from elsewhere matters while its post may still be sent or tapped: a retention period is ample. */
    @Bean
    RetentionTarget oldOutsideResolutions(JdbcClient jdbc, RetentionProperties retention) {
        return RetentionTarget.sql(jdbc, "outside_resolutions", retention.period(), """
                delete from outside_resolutions where post_id in (
                    select post_id from outside_resolutions where received_at < :cutoff order by received_at limit :limit)
                """);
    }

    @Bean
    RetentionTarget quietAlertKeys(JdbcClient jdbc, RetentionProperties retention) {
        return RetentionTarget.sql(jdbc, "alert_throttle", retention.period(), """
                delete from alert_throttle where alert_key in (
                    select alert_key from alert_throttle where last_sent_at < :cutoff order by last_sent_at limit :limit)
                """);
    }
}
