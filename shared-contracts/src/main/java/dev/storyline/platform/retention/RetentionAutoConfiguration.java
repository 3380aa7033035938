package dev.storyline.platform.retention;

import dev.storyline.platform.outbox.OutboxProperties;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Pruning of the shared inbox and outbox of every service, plus whatever tables a service adds as targets. */
@AutoConfiguration(after = dev.storyline.platform.StorylineAutoConfiguration.class)
@EnableConfigurationProperties(RetentionProperties.class)
public class RetentionAutoConfiguration {

    /** Processed event ids: kept as long as a redelivered or replayed event may still arrive. */
    @Bean
    RetentionTarget inboxRetention(JdbcClient jdbc, RetentionProperties properties) {
        return RetentionTarget.sql(jdbc, "inbox", properties.period(), """
                delete from inbox where ctid = any (array(
                    select ctid from inbox where processed_at < :cutoff limit :limit))
                """);
    }

    /** Sent events are only kept for diagnosis; unsent ones are never deleted. */
    @Bean
    RetentionTarget outboxRetention(JdbcClient jdbc, OutboxProperties outbox) {
        return RetentionTarget.sql(jdbc, "outbox", outbox.retention(), """
                delete from outbox where id in (
                    select id from outbox where published_at < :cutoff order by published_at limit :limit)
                """);
    }

    @Bean
    Retention retention(
            ObjectProvider<RetentionTarget> targets,
            RetentionProperties properties,
            Clock clock,
            MeterRegistry meters) {
        return new Retention(targets.orderedStream().toList(), properties, clock, meters);
    }
}
