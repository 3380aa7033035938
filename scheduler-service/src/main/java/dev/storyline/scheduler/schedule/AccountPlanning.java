package dev.storyline.scheduler.schedule;

import dev.storyline.platform.admin.AdminApiErrors.Conflict;
import dev.storyline.scheduler.SchedulerProperties;
import dev.storyline.scheduler.accounts.Account;
import dev.storyline.scheduler.accounts.AccountEvents;
import dev.storyline.scheduler.accounts.Accounts;
import dev.storyline.scheduler.media.MediaIndexer;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps the plan in step with an account's settings, while the admin request waits: a new account
 * or folder is indexed at once (and the account that owns MEDIA_ROOT gives up a folder now owned by
 * another), and the days not yet dispatched are planned again with the new settings. A day of which
 * a slot has already gone out keeps its plan: re-planning it could post more than a day's share.
 */
@Component
class AccountPlanning {

    private static final Logger log = LoggerFactory.getLogger(AccountPlanning.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Accounts accounts;
    private final MediaIndexer indexer;
    private final SlotPlanner planner;
    private final SchedulerProperties properties;
    private final Clock clock;

    AccountPlanning(
            JdbcClient jdbc,
            TransactionTemplate transactions,
            Accounts accounts,
            MediaIndexer indexer,
            SlotPlanner planner,
            SchedulerProperties properties,
            Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.accounts = accounts;
        this.indexer = indexer;
        this.planner = planner;
        this.properties = properties;
        this.clock = clock;
    }

    @EventListener
    void onChanged(AccountEvents.Changed change) {
        Account account = change.after();
        if (change.folderChanged()) {
            indexer.index(account);
            // the owner of MEDIA_ROOT drops a folder another account now owns (or takes back one released)
            accounts.all().stream()
                    .filter(a -> a.mediaSubdir().isEmpty() && !a.id().equals(account.id()))
                    .forEach(indexer::index);
        }
        if (change.before() != null && change.planChanged()) {
            int dropped = dropUndispatchedDays(change.before());
            log.info(
                    "account '{}' changed: {} planned slots of days not yet dispatched are planned again",
                    account.id(),
                    dropped);
        }
        planner.planAhead(account, properties.planDaysAhead());
    }

    @EventListener
    void onRemoving(AccountEvents.Removing removal) {
        String id = removal.account().id();
        transactions.executeWithoutResult(status -> {
            List<UUID> inFlight = jdbc.sql("""
                            select id from slots where account_id = :a and status in ('DISPATCHED', 'MANUAL_PENDING')
                            order by slot_at
                            """).param("a", id).query(UUID.class).list();
            if (!inFlight.isEmpty() && !removal.force()) {
                throw new Conflict("account '" + id + "' has " + inFlight.size() + " post(s) in flight ("
                        + inFlight.stream()
                                .limit(5)
                                .map(UUID::toString)
                                .reduce((a, b) -> a + ", " + b)
                                .orElse("")
                        + "); wait for their outcome, resolve them (storyline resolve), or remove with force");
            }
            jdbc.sql("delete from slots where account_id = :a and status = 'PLANNED'")
                    .param("a", id)
                    .update();
            jdbc.sql("delete from planned_days where account_id = :a")
                    .param("a", id)
                    .update();
        });
    }

    /** Forgets the plan of every day (in the old time zone) from today on of which nothing has gone out yet. */
    private int dropUndispatchedDays(Account before) {
        LocalDate today = LocalDate.now(clock.withZone(before.zone()));
        Integer dropped = transactions.execute(status -> {
            List<LocalDate> days = jdbc.sql("""
                            select pd.day from planned_days pd
                            where pd.account_id = :a and pd.day >= :today
                              and not exists (select 1 from slots s
                                              where s.account_id = pd.account_id
                                                and cast(s.slot_at at time zone :zone as date) = pd.day
                                                and (s.status <> 'PLANNED' or s.forced))
                            """)
                    .param("a", before.id())
                    .param("today", today)
                    .param("zone", before.timezone())
                    .query(LocalDate.class)
                    .list();
            int slots = 0;
            for (LocalDate day : days) {
                slots += jdbc.sql("""
                                delete from slots where account_id = :a and status = 'PLANNED' and not forced
                                  and cast(slot_at at time zone :zone as date) = :day
                                """)
                        .param("a", before.id())
                        .param("zone", before.timezone())
                        .param("day", day)
                        .update();
                jdbc.sql("delete from planned_days where account_id = :a and day = :day")
                        .param("a", before.id())
                        .param("day", day)
                        .update();
            }
            return slots;
        });
        return dropped == null ? 0 : dropped;
    }
}
