package dev.storyline.platform.retention;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long finished rows of the working tables (inbox, claims, finished posts) are kept.
 *
 * @param period    rows finished longer ago than this are deleted; longer than any redelivery or
 *                  dead-letter replay, because a pruned inbox or claim row no longer stops a replayed
 *                  event from taking effect twice
 * @param batchSize rows deleted per statement, so no delete holds locks or runs into the statement timeout
 * @param interval  how often the pruning runs
 * @param enabled   false: nothing is pruned by itself (tests that prune at a moment of their choosing)
 */
@ConfigurationProperties("storyline.retention")
public record RetentionProperties(
        @DefaultValue("30d") Duration period,
        @DefaultValue("1000") int batchSize,
        @DefaultValue("1h") Duration interval,
        @DefaultValue("true") boolean enabled) {

    public RetentionProperties {
        if (period == null || period.compareTo(Duration.ofDays(1)) < 0) {
            throw new IllegalArgumentException(
                    "RETENTION_PERIOD must be at least 1d (and longer than any DLQ replay delay), was " + period);
        }
        if (batchSize < 1 || batchSize > 100_000) {
            throw new IllegalArgumentException("RETENTION_BATCH_SIZE must be between 1 and 100000, was " + batchSize);
        }
        if (interval == null || interval.compareTo(Duration.ofMinutes(1)) < 0) {
            throw new IllegalArgumentException("RETENTION_INTERVAL must be at least 1m, was " + interval);
        }
    }
}
