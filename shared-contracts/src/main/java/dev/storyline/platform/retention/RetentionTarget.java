package dev.storyline.platform.retention;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One table whose finished rows {@link Retention} prunes. A service declares a bean per table of its own;
 * the inbox and outbox are covered for every service.
 *
 * @param table  name for logs and metrics
 * @param keep   rows finished longer ago than this go
 * @param delete deletes at most {@code limit} finished rows older than {@code cutoff}; returns how many
 */
public record RetentionTarget(String table, Duration keep, BatchDelete delete) {

    @FunctionalInterface
    public interface BatchDelete {
        int delete(Instant cutoff, int limit);
    }

    public RetentionTarget {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(keep, "keep");
        Objects.requireNonNull(delete, "delete");
    }

    /**
     * A target deleting with one SQL statement that takes {@code :cutoff} and {@code :limit}, written as
     * {@code delete from t where <key> in (select <key> from t where <finished and older than :cutoff> limit :limit)}
     * so one statement never deletes more than a batch (PostgreSQL's DELETE has no LIMIT of its own).
     */
    public static RetentionTarget sql(JdbcClient jdbc, String table, Duration keep, String deleteStatement) {
        return new RetentionTarget(
                table,
                keep,
                (cutoff, limit) -> jdbc.sql(deleteStatement)
                        .param("cutoff", Timestamp.from(cutoff))
                        .param("limit", limit)
                        .update());
    }
}
