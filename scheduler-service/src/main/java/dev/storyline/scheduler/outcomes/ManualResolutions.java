package dev.storyline.scheduler.outcomes;

import dev.storyline.contracts.events.EventEnvelope;
import dev.storyline.contracts.events.ManualAction;
import dev.storyline.contracts.events.ManualPostResolved;
import dev.storyline.platform.admin.AdminApiErrors.Conflict;
import dev.storyline.platform.outbox.Outbox;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * An in-flight post resolved by an operator (admin API, CLI) or, in dry-run, by the scheduler itself.
 * It takes the path a Telegram tap takes: a {@link ManualPostResolved} recorded by {@link OutcomeRecorder},
 * where only the first outcome of a post counts, and the same event published (the upload worker drops
 * the hosted copy; the scheduler's own copy finds the post finished and does nothing).
 */
@Component
public class ManualResolutions {

    public record Resolution(UUID postId, String accountId, String action, String by, String via) {}

    private record InFlight(String accountId, String status) {}

    private final JdbcClient jdbc;
    private final OutcomeRecorder recorder;
    private final Outbox outbox;
    private final Clock clock;

    ManualResolutions(JdbcClient jdbc, OutcomeRecorder recorder, Outbox outbox, Clock clock) {
        this.jdbc = jdbc;
        this.recorder = recorder;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Transactional
    public Resolution resolve(String accountId, UUID postId, ManualAction action, String by, String via) {
        InFlight slot = jdbc.sql("select account_id, status from slots where id = :id and account_id = :a for update")
                .param("id", postId)
                .param("a", accountId)
                .query(InFlight.class)
                .optional()
                .orElseThrow(() -> new NoSuchElementException("no post " + postId + " in account '" + accountId + "'"));
        if (!slot.status().equals("DISPATCHED") && !slot.status().equals("MANUAL_PENDING")) {
            throw new Conflict("post " + postId + " is " + slot.status() + ", not in flight: "
                    + (slot.status().equals("PLANNED")
                            ? "it has not gone out yet"
                            : "its outcome is recorded already; the first one counts"));
        }
        record(accountId, postId, action, by, via);
        return new Resolution(postId, accountId, action.name(), by, via);
    }

    /** Dry-run only: manual posts nobody can tap (no bot) are marked posted after {@code after}, so a demo flows. */
    @Transactional
    public int resolveDryRunManualPosts(Duration after) {
        List<UUID> waiting = jdbc.sql("""
                        select s.id from slots s join accounts a on a.id = s.account_id
                        where a.dry_run and s.route = 'MANUAL' and s.status in ('DISPATCHED', 'MANUAL_PENDING')
                          and s.dispatched_at < now() - make_interval(secs => :after)
                        order by s.dispatched_at limit 50
                        for update of s skip locked
                        """)
                .param("after", after.toSeconds())
                .query(UUID.class)
                .list();
        for (UUID post : waiting) {
            String account = jdbc.sql("select account_id from slots where id = :id")
                    .param("id", post)
                    .query(String.class)
                    .single();
            record(account, post, ManualAction.POSTED, "dry-run", ManualPostResolved.VIA_DRY_RUN);
        }
        return waiting.size();
    }

    // telegramUsername keeps carrying "by" for consumers that predate the by/via fields
    private void record(String accountId, UUID postId, ManualAction action, String by, String via) {
        EventEnvelope<ManualPostResolved> event = EventEnvelope.forPost(
                accountId, postId, new ManualPostResolved(action, 0, by, clock.instant(), by, via));
        recorder.manuallyResolved(event);
        outbox.append(event);
    }
}
