package dev.storyline.console.signin;

import dev.storyline.console.ConsoleProperties;
import java.time.Duration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Counts failed sign-ins per email and client address over a sliding period: after the configured number
 * (5 in 15 minutes) that pair is locked until the oldest failure leaves the period. Per pair, not per
 * email, so someone guessing from elsewhere cannot lock the real person out of their usual place.
 */
@Component
class SignInThrottle {

    private final JdbcClient jdbc;
    private final int maxFailures;
    private final Duration period;

    SignInThrottle(JdbcClient jdbc, ConsoleProperties properties) {
        this.jdbc = jdbc;
        this.maxFailures = properties.signIn().maxFailures();
        this.period = properties.signIn().lockFor();
    }

    /** Minutes until the pair may try again, or 0 when it is not locked. */
    long lockedForMinutes(String email, String address) {
        Long seconds = jdbc.sql("""
                        select ceil(extract(epoch from (min(failed_at) + make_interval(secs => :period) - now())))::bigint
                        from (select failed_at from sign_in_failures
                              where email = :e and address = :a and failed_at > now() - make_interval(secs => :period)
                              order by failed_at desc limit :max) recent
                        having count(*) >= :max
                        """)
                .param("e", email)
                .param("a", address)
                .param("period", period.toSeconds())
                .param("max", maxFailures)
                .query(Long.class)
                .optional()
                .orElse(0L);
        return seconds <= 0 ? 0 : Math.max(1, (seconds + 59) / 60);
    }

    void failed(String email, String address) {
        jdbc.sql("insert into sign_in_failures (email, address) values (:e, :a)")
                .param("e", email)
                .param("a", address)
                .update();
        // old failures count for nothing; drop them as we go instead of running a sweeper
        jdbc.sql("delete from sign_in_failures where failed_at < now() - make_interval(secs => :period) * 2")
                .param("period", period.toSeconds())
                .update();
    }

    void succeeded(String email, String address) {
        jdbc.sql("delete from sign_in_failures where email = :e and address = :a")
                .param("e", email)
                .param("a", address)
                .update();
    }
}
