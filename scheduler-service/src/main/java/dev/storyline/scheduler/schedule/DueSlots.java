package dev.storyline.scheduler.schedule;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Claims the due slots of one dispatch batch. The batch first takes the per-account advisory lock of
 * the accounts it will serve, without waiting: an account another thread or instance is dispatching is
 * left to it, so parallel batches work on different accounts instead of queueing behind each other's
 * locks, and nothing here can deadlock. The lock is held to the end of the transaction, so one
 * account's media choices are serialised across every thread and instance.
 */
@Component
class DueSlots {

    /**
     * Accounts per batch: few, so that several threads find accounts of their own in a burst, and more
     * than one, so that a quiet tick with many accounts each due once still commits a few slots at a time.
     */
    static final int ACCOUNTS_PER_BATCH = 4;

    record DueSlot(UUID id, String accountId, Instant slotAt, String category, boolean forced) {}

    private final JdbcClient jdbc;

    DueSlots(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Locks up to {@link #ACCOUNTS_PER_BATCH} accounts with due slots, those due longest first. The
     * materialised CTE is a fence: the planner would otherwise push the lock condition into the grouping,
     * where it runs on every due account and locks them all; here it runs on the ordered rows only as far
     * as the limit pulls them. The key is the one earlier versions wait on, so old and new instances
     * still exclude each other.
     */
    List<String> lockAccounts() {
        return jdbc.sql("""
                        with due as materialized (
                            select s.account_id, min(s.slot_at) as first_due
                            from slots s join accounts a on a.id = s.account_id
                            where s.status = 'PLANNED' and s.slot_at <= now() and (not a.paused or s.forced)
                            group by s.account_id
                            order by first_due, s.account_id)
                        select account_id from due
                        where pg_try_advisory_xact_lock(hashtext(account_id))
                        limit :accounts
                        """)
                .param("accounts", ACCOUNTS_PER_BATCH)
                .query(String.class)
                .list();
    }

    /** The due slots of the locked accounts, oldest first; a slot another transaction holds is skipped. */
    List<DueSlot> claim(List<String> lockedAccounts, int limit) {
        if (lockedAccounts.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                        select s.id, s.account_id, s.slot_at, s.category, s.forced
                        from slots s join accounts a on a.id = s.account_id
                        where s.account_id in (:accounts) and s.status = 'PLANNED' and s.slot_at <= now()
                          and (not a.paused or s.forced)
                        order by s.slot_at
                        limit :limit
                        for update of s skip locked
                        """)
                .param("accounts", lockedAccounts)
                .param("limit", limit)
                .query(DueSlot.class)
                .list();
    }
}
