package dev.storyline.instagram.health;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Each account's Graph API health in {@code account_api_health}, written on every outcome (success,
 * fallback, retried failure) and whenever the quota is computed. The scheduler routes on it and
 * operators read it through {@code GET /api/health/accounts} and {@code storyline_publishing_quota_left}.
 * Writing it must never change a post's outcome, so failures are logged, not thrown.
 */
@Component
public class AccountApiHealth {

    private static final Logger log = LoggerFactory.getLogger(AccountApiHealth.class);

    /** One row, plus the account's cached Meta quota (null until it was first read). */
    public record Row(
            String accountId,
            Instant lastSuccessAt,
            Instant lastErrorAt,
            String lastErrorCategory,
            String lastError,
            Integer quotaLeft,
            Instant updatedAt,
            Quota quota) {}

    public record Quota(int total, int usage, int durationSeconds, Instant checkedAt) {}

    private final JdbcClient jdbc;
    private final MeterRegistry meters;
    private final Map<String, AtomicLong> quotaLeftGauges = new ConcurrentHashMap<>();

    AccountApiHealth(JdbcClient jdbc, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.meters = meters;
    }

    public void success(String accountId) {
        write(accountId, """
                insert into account_api_health (account_id, last_success_at, updated_at) values (:account, now(), now())
                on conflict (account_id) do update set last_success_at = now(), updated_at = now()
                """, Map.of());
    }

    /** {@code category} is the fallback reason the failure maps to (RATE_LIMITED, TOKEN_EXPIRED, …). */
    public void failure(String accountId, String category, String message) {
        write(accountId, """
                insert into account_api_health (account_id, last_error_at, last_error_category, last_error, updated_at)
                values (:account, now(), :category, :error, now())
                on conflict (account_id) do update set last_error_at = now(), last_error_category = excluded.last_error_category,
                    last_error = excluded.last_error, updated_at = now()
                """, Map.of("category", category, "error", message == null ? "" : truncate(message)));
    }

    public void quotaLeft(String accountId, int left) {
        write(accountId, """
                insert into account_api_health (account_id, quota_left, updated_at) values (:account, :left, now())
                on conflict (account_id) do update set quota_left = excluded.quota_left, updated_at = now()
                """, Map.of("left", left));
        quotaLeftGauges
                .computeIfAbsent(accountId, account -> {
                    AtomicLong value = new AtomicLong();
                    Gauge.builder("storyline_publishing_quota_left", value, AtomicLong::get)
                            .description(
                                    "Publishing quota units the account has left in Meta's rolling window, as this instance last computed it")
                            .tag("account", account)
                            .register(meters);
                    return value;
                })
                .set(left);
    }

    public List<Row> all() {
        return jdbc.sql("""
                        select h.*, q.quota_total, q.usage, q.quota_duration, q.checked_at
                        from account_api_health h left join publishing_quota q on q.account_id = h.account_id
                        order by h.account_id
                        """).query(AccountApiHealth::map).list();
    }

    private void write(String accountId, String sql, Map<String, Object> params) {
        try {
            jdbc.sql(sql).param("account", accountId).params(params).update();
        } catch (RuntimeException e) {
            log.warn("could not record the API health of account {}: {}", accountId, e.toString());
        }
    }

    private static String truncate(String message) {
        return message.length() > 1000 ? message.substring(0, 1000) + "…" : message;
    }

    private static Row map(ResultSet rs, int n) throws SQLException {
        Quota quota = rs.getTimestamp("checked_at") == null
                ? null
                : new Quota(
                        rs.getInt("quota_total"),
                        rs.getInt("usage"),
                        rs.getInt("quota_duration"),
                        rs.getTimestamp("checked_at").toInstant());
        return new Row(
                rs.getString("account_id"),
                instant(rs, "last_success_at"),
                instant(rs, "last_error_at"),
                rs.getString("last_error_category"),
                rs.getString("last_error"),
                rs.getObject("quota_left") == null ? null : rs.getInt("quota_left"),
                instant(rs, "updated_at"),
                quota);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getTimestamp(column) == null ? null : rs.getTimestamp(column).toInstant();
    }
}
