package dev.storyline.scheduler.schedule;

import dev.storyline.platform.admin.AdminApiErrors.BadInput;
import dev.storyline.scheduler.accounts.AccountSettings;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads over many accounts at once, each one query whatever the number of accounts: the posts waiting for a
 * person, and a calendar's slot counts per local day. A console over a thousand accounts asked each account in
 * turn before (a thousand calls for one page).
 */
@Component
public class AcrossAccounts {

    /** A post waiting for a person, with its account. */
    public record Waiting(
            String accountId,
            UUID id,
            Instant slotAt,
            String category,
            String status,
            String mediaPath,
            String route,
            String routeReason,
            String note) {}

    /**
     * How many slots of the accounts fall on a local date (each in its own account's zone) with this status and,
     * for posts a person resolved (RESOLVED), how they ended (POSTED_MANUALLY, SKIPPED, REJECTED); any other
     * status says it all, and only resolved slots are looked up in the history (a month of a thousand
     * accounts is a hundred thousand slots).
     */
    public record DayCount(LocalDate date, String status, String outcome, long slots) {}

    private final JdbcClient jdbc;

    public AcrossAccounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The account ids to read, checked; empty means every account. */
    static String accountFilter(Collection<String> accountIds) {
        if (accountIds == null) {
            return "";
        }
        for (String id : accountIds) {
            if (id == null || !AccountSettings.ID.matcher(id).matches()) {
                throw new BadInput("account", id, "an account id (a-z, 0-9, '-' and '_', up to 63 characters)");
            }
        }
        return String.join(",", accountIds);
    }

    /** Posts waiting for a person, the oldest slot first, of the given accounts (every account when empty). */
    public List<Waiting> waiting(Collection<String> accountIds, int limit, int offset) {
        return jdbc.sql("""
                        select s.account_id, s.id, s.slot_at, s.category, s.status, m.path as media_path, s.route,
                               s.route_reason, s.note
                        from slots s
                        join accounts a on a.id = s.account_id and a.deleted_at is null
                        left join media_items m on m.id = s.media_id
                        where s.status = 'MANUAL_PENDING'
                          and (:accounts = '' or s.account_id = any(string_to_array(:accounts, ',')))
                        order by s.slot_at, s.id limit :limit offset :offset
                        """)
                .param("accounts", accountFilter(accountIds))
                .param("limit", limit)
                .param("offset", offset)
                .query(Waiting.class)
                .list();
    }

    /**
     * Slot counts per local date from {@code range.from()} to {@code range.to()}, both included. The database
     * groups slots by zone and quarter hour (every zone's offset is whole quarter hours, so a quarter never spans
     * two local dates); the local date of each group is worked out here with Java's zone rules, the ones the
     * accounts' zones were checked against.
     */
    public List<DayCount> dayCounts(Collection<String> accountIds, SlotCalendar.Range range) {
        // a day's slots lie within 14 hours either side of that date in UTC, whatever the zone
        Instant start = range.from()
                .atStartOfDay(ZoneOffset.UTC)
                .minusSeconds(15 * 3600)
                .toInstant();
        Instant end = range.to()
                .plusDays(1)
                .atStartOfDay(ZoneOffset.UTC)
                .plusSeconds(15 * 3600)
                .toInstant();
        record Group(String zone, Instant quarter, String status, String outcome, long slots) {}
        List<Group> groups = jdbc.sql("""
                        select a.timezone as zone, date_bin('15 minutes', s.slot_at, timestamptz '2000-01-01 00:00+00')
                                   as quarter,
                               s.status, cast(null as text) as outcome, count(*) as slots
                        from slots s
                        join accounts a on a.id = s.account_id and a.deleted_at is null
                        where s.slot_at >= :start and s.slot_at < :end and s.status <> 'RESOLVED'
                          and (:accounts = '' or s.account_id = any(string_to_array(:accounts, ',')))
                        group by 1, 2, 3
                        union all
                        select a.timezone, date_bin('15 minutes', s.slot_at, timestamptz '2000-01-01 00:00+00'),
                               s.status, h.status, count(*)
                        from slots s
                        join accounts a on a.id = s.account_id and a.deleted_at is null
                        left join lateral (select status from posting_history
                                           where post_id = s.id order by occurred_at, id limit 1) h on true
                        where s.slot_at >= :start and s.slot_at < :end and s.status = 'RESOLVED'
                          and (:accounts = '' or s.account_id = any(string_to_array(:accounts, ',')))
                        group by 1, 2, 3, 4
                        """)
                .param("accounts", accountFilter(accountIds))
                .param("start", Timestamp.from(start))
                .param("end", Timestamp.from(end))
                .query((rs, n) -> new Group(
                        rs.getString("zone"),
                        rs.getTimestamp("quarter").toInstant(),
                        rs.getString("status"),
                        rs.getString("outcome"),
                        rs.getLong("slots")))
                .list();
        record Key(LocalDate date, String status, String outcome) {}
        Map<Key, Long> counts = new HashMap<>();
        for (Group g : groups) {
            LocalDate date = LocalDate.ofInstant(g.quarter(), ZoneId.of(g.zone()));
            if (!date.isBefore(range.from()) && !date.isAfter(range.to())) {
                counts.merge(new Key(date, g.status(), g.outcome()), g.slots(), Long::sum);
            }
        }
        return counts.entrySet().stream()
                .map(e -> new DayCount(
                        e.getKey().date(), e.getKey().status(), e.getKey().outcome(), e.getValue()))
                .sorted(Comparator.comparing(DayCount::date)
                        .thenComparing(DayCount::status)
                        .thenComparing(DayCount::outcome, Comparator.nullsFirst(Comparator.naturalOrder())))
                .toList();
    }
}
