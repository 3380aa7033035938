package dev.storyline.scheduler.schedule;

import dev.storyline.contracts.events.AdminAlert;
import dev.storyline.contracts.events.AlertSeverity;
import dev.storyline.contracts.events.EventEnvelope;
import dev.storyline.platform.outbox.Outbox;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Posts in flight with no outcome after a bound. They are surfaced (API, metric, one admin alert
 * each) and left as they are: resetting them to "pending" is how a reference system sent one item
 * twenty times.
 */
@Component
public class StuckPosts {

    public record Stuck(
            UUID postId, String accountId, String status, Instant slotAt, Instant dispatchedAt, String note) {}

    static final Duration AUTO_BOUND = Duration.ofHours(2);
    static final Duration MANUAL_BOUND = Duration.ofHours(24);

    /**
     * Waiting on the API for more than the automatic bound, or on a person for more than the manual one.
     * Every post waiting on a person is MANUAL_PENDING, whether it was routed to Telegram from the start or fell back.
     */
    private static final String OVERDUE = """
            ((status = 'DISPATCHED' and route = 'AUTO' and dispatched_at < now() - make_interval(secs => :auto))
              or (status = 'MANUAL_PENDING' and dispatched_at < now() - make_interval(secs => :manual)))
            """;

    private final JdbcClient jdbc;
    private final Outbox outbox;
    private final SlotEvents events;

    public StuckPosts(JdbcClient jdbc, Outbox outbox, SlotEvents events) {
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.events = events;
    }

    public List<Stuck> find(String accountId) {
        return jdbc.sql("""
                        select id as post_id, account_id, status, slot_at, dispatched_at, note from slots
                        where (cast(:a as text) is null or account_id = :a)
                          and """ + OVERDUE + """
                        order by dispatched_at
                        """)
                .param("a", accountId)
                .param("auto", AUTO_BOUND.toSeconds())
                .param("manual", MANUAL_BOUND.toSeconds())
                .query(Stuck.class)
                .list();
    }

    /** Alerts once per stuck post; returns how many were newly reported. */
    @Transactional
    public int reportNew() {
        List<Stuck> fresh = jdbc.sql("""
                        update slots set stuck_reported_at = now()
                        where stuck_reported_at is null
                          and """ + OVERDUE + """
                        returning id as post_id, account_id, status, slot_at, dispatched_at, note
                        """)
                .param("auto", AUTO_BOUND.toSeconds())
                .param("manual", MANUAL_BOUND.toSeconds())
                .query(Stuck.class)
                .list();
        for (Stuck stuck : fresh) {
            events.record(
                    stuck.postId(),
                    SlotEvents.Type.STUCK,
                    "no outcome since " + stuck.dispatchedAt() + "; reported to the admins, not re-sent");
            outbox.append(EventEnvelope.forAccount(
                    stuck.accountId(),
                    new AdminAlert(
                            "stuck-post:" + stuck.postId(),
                            AlertSeverity.WARNING,
                            "Post " + stuck.postId() + " of " + stuck.accountId() + " has been "
                                    + stuck.status() + " since " + stuck.dispatchedAt()
                                    + " with no outcome. It is not re-sent "
                                    + "automatically; check Telegram and the DLQ.")));
        }
        return fresh.size();
    }
}
