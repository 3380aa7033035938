package dev.storyline.scheduler.schedule;

import dev.storyline.scheduler.accounts.Account;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Plans each local day of an account once: N slots spread evenly over the posting window (which
 * may cross midnight) in the account's time zone, each with a category from the current mix.
 * Windows are computed on zoned date-times, so DST days get the real length of their window.
 */
@Component
public class SlotPlanner {

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final CategoryMix mix;
    private final Clock clock;
    private final SlotEvents events;

    public SlotPlanner(
            JdbcClient jdbc, TransactionTemplate transactions, CategoryMix mix, Clock clock, SlotEvents events) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.mix = mix;
        this.clock = clock;
        this.events = events;
    }

    /** Plans today and the following days; days already planned are left alone. Returns slots created. */
    public int planAhead(Account account, int days) {
        LocalDate today = LocalDate.now(clock.withZone(account.zone()));
        int created = 0;
        for (int d = 0; d < days; d++) {
            created += planDay(account, today.plusDays(d));
        }
        return created;
    }

    public int planDay(Account account, LocalDate day) {
        Integer created = transactions.execute(status -> {
            int claimed = jdbc.sql("insert into planned_days (account_id, day) values (:a, :d) on conflict do nothing")
                    .param("a", account.id())
                    .param("d", day)
                    .update();
            if (claimed == 0) {
                return 0;
            }
            Instant now = clock.instant();
            List<String> categories = mix.allocate(account.id(), account.postsPerDay(), ThreadLocalRandom.current());
            int inserted = 0;
            List<Instant> times = slotTimes(account, day, ThreadLocalRandom.current());
            for (int i = 0; i < times.size(); i++) {
                if (times.get(i).isBefore(now)) {
                    continue; // planning late in the day: past slots are not created, never back-filled
                }
                UUID id = UUID.randomUUID();
                String category = categories.isEmpty() ? null : categories.get(i);
                int added = jdbc.sql("""
                                insert into slots (id, account_id, slot_at, category, status)
                                values (:id, :account, :at, :category, 'PLANNED')
                                on conflict (account_id, slot_at) do nothing
                                """)
                        .param("id", id)
                        .param("account", account.id())
                        .param("at", java.sql.Timestamp.from(times.get(i)))
                        .param("category", category)
                        .update();
                if (added == 1) {
                    events.record(
                            id,
                            SlotEvents.Type.PLANNED,
                            category == null ? "planned without a category mix" : "planned for " + category);
                }
                inserted += added;
            }
            return inserted;
        });
        return created == null ? 0 : created;
    }

    /** Slot instants for one local day: the window split into N equal parts, a slot in the middle of each. */
    public static List<Instant> slotTimes(Account account, LocalDate day, Random random) {
        int n = account.postsPerDay();
        if (n == 0) {
            return List.of();
        }
        ZoneId zone = account.zone();
        ZonedDateTime start = ZonedDateTime.of(day, LocalTime.of(account.windowStartHour(), 0), zone);
        ZonedDateTime end = account.windowEndHour() == 24
                ? ZonedDateTime.of(day.plusDays(1), LocalTime.MIDNIGHT, zone)
                : ZonedDateTime.of(day, LocalTime.of(account.windowEndHour(), 0), zone);
        if (!end.isAfter(start)) {
            end = ZonedDateTime.of(day.plusDays(1), LocalTime.of(account.windowEndHour() % 24, 0), zone);
        }
        Duration window = Duration.between(start, end);
        Duration step = window.dividedBy(n);
        List<Instant> times = new ArrayList<>(n);
        long jitterSeconds = Math.min(account.jitterMinutes() * 60L, step.toSeconds() / 3);
        for (int i = 0; i < n; i++) {
            Instant at = start.toInstant().plus(step.multipliedBy(i)).plus(step.dividedBy(2));
            if (jitterSeconds > 0) {
                at = at.plusSeconds(random.nextLong(-jitterSeconds, jitterSeconds + 1));
            }
            times.add(at.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        }
        Collections.sort(times);
        return times;
    }
}
