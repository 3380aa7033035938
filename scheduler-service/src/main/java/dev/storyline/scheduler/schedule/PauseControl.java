package dev.storyline.scheduler.schedule;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Pause and resume per account. While paused, due slots wait; on resume the operator chooses what
 * happens to the overdue ones. Whatever the choice, they are spaced out: never a burst.
 */
@Component
public class PauseControl {

    /** What to do with slots that fell due while the account was paused. */
    public enum Overdue {
        /** move them to now + k × spacing, posted as ordinary slots */
        RESCHEDULE,
        /** mark them MISSED; the next planned slot posts as usual */
        DROP,
        /** post them now, even outside the window, still spaced apart */
        FORCE
    }

    public record ResumeResult(String accountId, Overdue overdue, int affected) {}

    static final Duration SPACING = Duration.ofMinutes(5);

    private final JdbcClient jdbc;
    private final SlotEvents events;

    public PauseControl(JdbcClient jdbc, SlotEvents events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    public void pause(String accountId) {
        jdbc.sql("update accounts set paused = true, updated_at = now() where id = :a")
                .param("a", accountId)
                .update();
    }

    @Transactional
    public ResumeResult resume(String accountId, Overdue overdue) {
        List<UUID> late = jdbc.sql("""
                        select id from slots where account_id = :a and status = 'PLANNED' and slot_at <= now() and not forced
                        order by slot_at for update
                        """).param("a", accountId).query(UUID.class).list();
        for (int i = 0; i < late.size(); i++) {
            UUID slot = late.get(i);
            switch (overdue) {
                case DROP -> {
                    jdbc.sql("""
                                    update slots set status = 'MISSED', completed_at = now(),
                                                     note = 'fell due while paused; dropped on resume' where id = :id
                                    """).param("id", slot).update();
                    events.record(slot, SlotEvents.Type.MISSED, "fell due while paused; dropped on resume");
                }
                case RESCHEDULE, FORCE -> {
                    jdbc.sql("""
                                update slots set slot_at = date_trunc('second', now()) + make_interval(secs => :offset),
                                                 forced = :forced,
                                                 note = 'fell due while paused; ' || :how || ' on resume'
                                where id = :id
                                """)
                            .param("id", slot)
                            .param("offset", SPACING.multipliedBy(i).toSeconds())
                            .param("forced", overdue == Overdue.FORCE)
                            .param("how", overdue == Overdue.FORCE ? "forced" : "rescheduled")
                            .update();
                    events.record(
                            slot,
                            SlotEvents.Type.RESCHEDULED,
                            "fell due while paused; " + (overdue == Overdue.FORCE ? "forced" : "rescheduled")
                                    + " on resume");
                }
            }
        }
        jdbc.sql("update accounts set paused = false, updated_at = now() where id = :a")
                .param("a", accountId)
                .update();
        return new ResumeResult(accountId, overdue, late.size());
    }
}
