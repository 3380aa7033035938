package dev.storyline.scheduler.insights;

import dev.storyline.contracts.events.AdminAlert;
import dev.storyline.contracts.events.AlertSeverity;
import dev.storyline.contracts.events.EventEnvelope;
import dev.storyline.platform.outbox.Outbox;
import dev.storyline.scheduler.SchedulerProperties;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Warns the admins when too many of an account's automatic posts end up on Telegram: the product's
 * promise is that the API route works, and a fallback rate above {@code FALLBACK_ALERT_THRESHOLD} over
 * {@code FALLBACK_ALERT_WINDOW} means it does not (token, Meta's limits, hosting). One alert per window
 * and account, remembered in {@code fallback_alerts} so a restart or a second instance does not repeat it.
 */
@Component
public class FallbackWatch {

    private static final Logger log = LoggerFactory.getLogger(FallbackWatch.class);
    private static final int REASONS_SHOWN = 3;

    /** One account's API-routed posts in the window, and how many of them fell back to Telegram. */
    public record FallbackRate(String accountId, int apiPosts, int fallbacks) {

        public double percent() {
            return apiPosts == 0 ? 0 : 100.0 * fallbacks / apiPosts;
        }
    }

    record ReasonCount(String reason, int posts) {}

    private final JdbcClient jdbc;
    private final Outbox outbox;
    private final Duration window;
    private final int minPosts;
    private final double thresholdPercent;

    public FallbackWatch(JdbcClient jdbc, Outbox outbox, SchedulerProperties properties) {
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.window = properties.fallbackAlertWindow();
        this.minPosts = properties.fallbackAlertMinPosts();
        this.thresholdPercent = properties.fallbackAlertThresholdPercent();
    }

    /**
     * The rate of every account with at least {@code FALLBACK_ALERT_MIN_POSTS} API-routed posts in the
     * window. A post counts once the API route has had its say: still DISPATCHED means the workers are
     * at it, and counting it would dilute a rate that is rising right now.
     */
    public List<FallbackRate> rates() {
        return jdbc.sql("""
                        select account_id,
                               count(*) as api_posts,
                               count(*) filter (where fallback_reason is not null) as fallbacks
                        from slots
                        where dispatched_at >= now() - make_interval(secs => :window)
                          and (route = 'AUTO' or fallback_reason is not null)
                          and status <> 'DISPATCHED'
                        group by account_id
                        having count(*) >= :minPosts
                        order by account_id
                        """)
                .param("window", window.toSeconds())
                .param("minPosts", minPosts)
                .query(FallbackRate.class)
                .list();
    }

    /** Alerts for every account above the threshold not alerted within the window; returns how many. */
    @Transactional
    public int check() {
        int alerted = 0;
        for (FallbackRate rate : rates()) {
            if (rate.percent() <= thresholdPercent || !claimAlert(rate)) {
                continue;
            }
            alerted++;
            String reasons = commonReasons(rate.accountId()).stream()
                    .map(r -> r.reason() + " ×" + r.posts())
                    .collect(Collectors.joining(", "));
            String text = String.format(
                    Locale.ROOT,
                    "Account %s: %d of %d posts routed to the Instagram API in the last %s fell back to Telegram "
                            + "(%.1f %%, threshold %s %%). Most common reasons: %s. Check the token, Meta's limits "
                            + "and hosting; the fallback posts wait in Telegram.",
                    rate.accountId(),
                    rate.fallbacks(),
                    rate.apiPosts(),
                    human(window),
                    rate.percent(),
                    human(thresholdPercent),
                    reasons);
            outbox.append(EventEnvelope.forAccount(
                    rate.accountId(),
                    new AdminAlert("fallback-rate:" + rate.accountId(), AlertSeverity.WARNING, text)));
            log.warn("fallback rate alert: {}", text);
        }
        return alerted;
    }

    /**
     * Records the alert unless one went out within the window. A single statement, so of two scheduler
     * instances checking at once exactly one wins the row and sends the alert.
     */
    private boolean claimAlert(FallbackRate rate) {
        return jdbc.sql("""
                        insert into fallback_alerts (account_id, alerted_at, api_posts, fallbacks, rate_percent)
                        values (:account, now(), :apiPosts, :fallbacks, :percent)
                        on conflict (account_id) do update
                            set alerted_at = excluded.alerted_at, api_posts = excluded.api_posts,
                                fallbacks = excluded.fallbacks, rate_percent = excluded.rate_percent
                            where fallback_alerts.alerted_at <= now() - make_interval(secs => :window)
                        """)
                        .param("account", rate.accountId())
                        .param("apiPosts", rate.apiPosts())
                        .param("fallbacks", rate.fallbacks())
                        .param("percent", Math.round(rate.percent() * 100) / 100.0)
                        .param("window", window.toSeconds())
                        .update()
                == 1;
    }

    private List<ReasonCount> commonReasons(String accountId) {
        return jdbc.sql("""
                        select fallback_reason as reason, count(*) as posts
                        from slots
                        where account_id = :account and fallback_reason is not null
                          and dispatched_at >= now() - make_interval(secs => :window)
                        group by fallback_reason
                        order by count(*) desc, fallback_reason
                        limit :limit
                        """)
                .param("account", accountId)
                .param("window", window.toSeconds())
                .param("limit", REASONS_SHOWN)
                .query(ReasonCount.class)
                .list();
    }

    private static String human(Duration d) {
        if (d.toMinutesPart() == 0 && d.toSecondsPart() == 0) {
            return d.toHours() + "h";
        }
        return d.toMinutes() + "m";
    }

    private static String human(double percent) {
        return percent == Math.rint(percent) ? String.valueOf((long) percent) : String.valueOf(percent);
    }
}
