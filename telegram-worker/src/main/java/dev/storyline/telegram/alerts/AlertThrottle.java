package dev.storyline.telegram.alerts;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One alert per key per window. The state is in the database, so neither a restart nor a second
 * instance reopens the flood; the row lock serialises instances racing on the same key.
 */
@Component
class AlertThrottle {

    /** Permission to send; {@code suppressed} repeats were swallowed since the last one sent. */
    record Permit(String alertKey, Instant previousSentAt, int suppressed) {}

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    AlertThrottle(JdbcClient jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    Optional<Permit> tryAcquire(String alertKey, Duration window) {
        return transactions.execute(status -> {
            jdbc.sql("insert into alert_throttle (alert_key) values (:key) on conflict do nothing")
                    .param("key", alertKey)
                    .update();
            record Row(Timestamp lastSentAt, int suppressed, boolean open) {}
            Row row = jdbc.sql("""
                            select last_sent_at, suppressed,
                                   last_sent_at is null or last_sent_at <= now() - make_interval(secs => :window) as open
                            from alert_throttle where alert_key = :key for update
                            """)
                    .param("key", alertKey)
                    .param("window", window.toSeconds())
                    .query((rs, n) ->
                            new Row(rs.getTimestamp("last_sent_at"), rs.getInt("suppressed"), rs.getBoolean("open")))
                    .single();
            if (!row.open()) {
                jdbc.sql("update alert_throttle set suppressed = suppressed + 1 where alert_key = :key")
                        .param("key", alertKey)
                        .update();
                return Optional.<Permit>empty();
            }
            jdbc.sql("update alert_throttle set last_sent_at = now(), suppressed = 0 where alert_key = :key")
                    .param("key", alertKey)
                    .update();
            return Optional.of(new Permit(
                    alertKey, row.lastSentAt() == null ? null : row.lastSentAt().toInstant(), row.suppressed()));
        });
    }

    /** The send failed: give the window back so the broker's retry can send it. */
    void giveBack(Permit permit) {
        jdbc.sql(
                        "update alert_throttle set last_sent_at = :previous, suppressed = suppressed + :suppressed where alert_key = :key")
                .param("key", permit.alertKey())
                .param("previous", permit.previousSentAt() == null ? null : Timestamp.from(permit.previousSentAt()))
                .param("suppressed", permit.suppressed())
                .update();
    }
}
