package dev.storyline.scheduler.schedule;

import dev.storyline.platform.admin.AdminApiErrors.BadInput;
import dev.storyline.scheduler.accounts.Account;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Every slot of an account between two local dates, whatever its status: what a calendar shows. Dates are
 * the account's own (its zone), both included, so a week is Monday to Sunday where the brand posts.
 * Finished slots carry their outcome from the posting history (published, posted by hand, skipped…).
 */
@Component
public class SlotCalendar {

    /** Longest range one call may ask for: two months, so a month view with its edges always fits. */
    static final int MAX_DAYS = 62;

    static final String DATE = "an ISO date such as 2026-06-01";

    /**
     * @param localTime      the slot's time where the account posts (its zone), e.g. 2026-06-01T10:30
     * @param mediaId        the medium chosen at dispatch, null before
     * @param fallbackReason why the Graph API gave the post to a person (e.g. RATE_LIMITED), null if it did not
     * @param outcome        the recorded outcome of a finished post (PUBLISHED, POSTED_MANUALLY, SKIPPED,
     *                       REJECTED, FAILED), null while none is recorded
     * @param outcomeBy      who decided a manual post's outcome
     * @param storyId        the Instagram Story id of a published post
     */
    public record Slot(
            UUID id,
            Instant slotAt,
            LocalDateTime localTime,
            String category,
            String status,
            UUID mediaId,
            String mediaPath,
            String route,
            String routeReason,
            String fallbackReason,
            String note,
            String outcome,
            String outcomeBy,
            String storyId) {}

    /** A validated range of local dates. */
    public record Range(LocalDate from, LocalDate to) {

        /** Parses {@code from} and {@code to}; a wrong one is refused naming the field. */
        public static Range parse(String from, String to) {
            LocalDate start = date("from", from);
            LocalDate end = date("to", to);
            if (end.isBefore(start)) {
                throw new BadInput("to", to, "a date on or after from (" + start + ")");
            }
            if (ChronoUnit.DAYS.between(start, end) >= MAX_DAYS) {
                throw new BadInput(
                        "to",
                        to,
                        "at most " + MAX_DAYS + " days from 'from' (" + start + " to " + start.plusDays(MAX_DAYS - 1)
                                + ")");
            }
            return new Range(start, end);
        }

        private static LocalDate date(String field, String value) {
            if (value == null || value.isBlank()) {
                throw new BadInput(field, null, DATE);
            }
            try {
                return LocalDate.parse(value.strip());
            } catch (DateTimeParseException e) {
                throw new BadInput(field, value, DATE);
            }
        }
    }

    private final JdbcClient jdbc;

    public SlotCalendar(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<Slot> between(Account account, Range range) {
        Instant start = range.from().atStartOfDay(account.zone()).toInstant();
        Instant end = range.to().plusDays(1).atStartOfDay(account.zone()).toInstant();
        return jdbc.sql(SELECT + """
                        where s.account_id = :a and s.slot_at >= :start and s.slot_at < :end
                        order by s.slot_at, s.id
                        """)
                .param("a", account.id())
                .param("start", java.sql.Timestamp.from(start))
                .param("end", java.sql.Timestamp.from(end))
                .query((rs, n) -> slot(rs, account))
                .list();
    }

    /** One slot of the account, as {@link #between} lists it; empty for an unknown slot or another account's. */
    public Optional<Slot> one(Account account, UUID slot) {
        return jdbc.sql(SELECT + "where s.account_id = :a and s.id = :id")
                .param("a", account.id())
                .param("id", slot)
                .query((rs, n) -> slot(rs, account))
                .optional();
    }

    private static final String SELECT = """
            select s.id, s.slot_at, s.category, s.status, s.media_id, m.path as media_path, s.route, s.route_reason,
                   s.fallback_reason, s.note, h.status as outcome, h.posted_by, h.story_id
            from slots s
            left join media_items m on m.id = s.media_id
            left join lateral (select status, posted_by, story_id from posting_history
                               where post_id = s.id order by occurred_at, id limit 1) h on true
            """;

    private static Slot slot(ResultSet rs, Account account) throws SQLException {
        Instant at = rs.getTimestamp("slot_at").toInstant();
        return new Slot(
                rs.getObject("id", UUID.class),
                at,
                LocalDateTime.ofInstant(at, account.zone()),
                rs.getString("category"),
                rs.getString("status"),
                rs.getObject("media_id", UUID.class),
                rs.getString("media_path"),
                rs.getString("route"),
                rs.getString("route_reason"),
                rs.getString("fallback_reason"),
                rs.getString("note"),
                rs.getString("outcome"),
                rs.getString("posted_by"),
                rs.getString("story_id"));
    }
}
