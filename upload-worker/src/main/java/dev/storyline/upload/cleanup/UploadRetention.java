package dev.storyline.upload.cleanup;

import dev.storyline.platform.retention.RetentionProperties;
import dev.storyline.platform.retention.RetentionTarget;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Upload rows retention prunes: those whose hosted copy the sweep has deleted, and failed ones that
 * never hosted anything. A row with a live copy stays until the sweep has deleted the copy, so no
 * copy is ever forgotten at the provider.
 */
@Configuration(proxyBeanMethods = false)
class UploadRetention {

    @Bean
    RetentionTarget finishedUploads(JdbcClient jdbc, RetentionProperties retention) {
        return RetentionTarget.sql(jdbc, "uploads", retention.period(), """
                delete from uploads where post_id in (
                    select post_id from uploads
                    where (deleted_at is not null or (status = 'FAILED' and public_id is null))
                      and coalesce(deleted_at, created_at) < :cutoff
                    order by coalesce(deleted_at, created_at)
                    limit :limit)
                """);
    }
}
