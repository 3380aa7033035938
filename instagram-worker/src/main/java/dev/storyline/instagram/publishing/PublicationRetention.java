package dev.storyline.instagram.publishing;

import dev.storyline.platform.retention.RetentionProperties;
import dev.storyline.platform.retention.RetentionTarget;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Finished publications retention prunes; a claimed or half-done one is never pruned. */
@Configuration(proxyBeanMethods = false)
class PublicationRetention {

    @Bean
    RetentionTarget finishedPublications(JdbcClient jdbc, RetentionProperties retention) {
        return RetentionTarget.sql(jdbc, "publications", retention.period(), """
                delete from publications where post_id in (
                    select post_id from publications
                    where status in ('PUBLISHED', 'FAILED') and updated_at < :cutoff
                    order by updated_at
                    limit :limit)
                """);
    }
}
