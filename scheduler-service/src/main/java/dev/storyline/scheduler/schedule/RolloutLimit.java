package dev.storyline.scheduler.schedule;

import dev.storyline.contracts.events.Route;
import dev.storyline.scheduler.accounts.Account;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Gradual roll-out: a brand starts with few automatic posts. Once {@code apiPostsPerDay} slots of the
 * account's local day (the day the slot is planned for) went the Graph API route, the rest of that day go to
 * Telegram with reason {@code rollout_limit}. Counted from the slots themselves, so a restart or a second
 * instance counts the same; the dispatcher holds the account's advisory lock while it decides, so two
 * slots of one account are never counted at once.
 */
@Component
class RolloutLimit {

    static final String REASON = "rollout_limit";

    private final JdbcClient jdbc;

    RolloutLimit(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    RouteDecision apply(Account account, UUID slotId, Instant slotAt, RouteDecision decided) {
        Integer limit = account.apiPostsPerDay();
        if (limit == null || decided.route() != Route.AUTO) {
            return decided;
        }
        return usedOn(account, slotId, slotAt) < limit ? decided : new RouteDecision(Route.MANUAL, REASON);
    }

    /** Slots of the slot's local day, other than this one, that went the API route. */
    int usedOn(Account account, UUID slotId, Instant slotAt) {
        ZoneId zone = account.zone();
        LocalDate day = slotAt.atZone(zone).toLocalDate();
        return jdbc.sql("""
                        select count(*) from slots
                        where account_id = :a and route = 'AUTO' and id <> :slot
                          and slot_at >= :from and slot_at < :to
                        """)
                .param("a", account.id())
                .param("slot", slotId)
                .param("from", Timestamp.from(day.atStartOfDay(zone).toInstant()))
                .param("to", Timestamp.from(day.plusDays(1).atStartOfDay(zone).toInstant()))
                .query(Integer.class)
                .single();
    }
}
