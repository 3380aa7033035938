package dev.storyline.scheduler.schedule;

import dev.storyline.contracts.events.Route;
import dev.storyline.scheduler.accounts.Account;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * A preview of the just-in-time pick: for the next planned slots of an account, the medium and route dispatch
 * would choose if each were dispatched now, in order, with the same rules ({@link MediaPicker}, the route
 * decision, the roll-out limit). Nothing is written: no slot update, no lock, no outbox event; the
 * transaction is read only so the database refuses any write. It may change: media are added, locked or
 * posted before the slot is due.
 */
@Component
class NextPicks {

    /**
     * One planned slot and its likely pick; {@code mediaId} and the route are null when nothing is eligible
     * (the slot would go out empty), and {@code note} then says so.
     */
    record Preview(
            UUID slotId,
            Instant slotAt,
            LocalDateTime localTime,
            String slotCategory,
            UUID mediaId,
            String mediaPath,
            String mediaCategory,
            Route route,
            String routeReason,
            String note) {}

    private final JdbcClient jdbc;
    private final MediaPicker picker;
    private final RolloutLimit rollout;
    private final Clock clock;

    NextPicks(JdbcClient jdbc, MediaPicker picker, RolloutLimit rollout, Clock clock) {
        this.jdbc = jdbc;
        this.picker = picker;
        this.rollout = rollout;
        this.clock = clock;
    }

    private record Planned(UUID id, Instant slotAt, String category) {}

    @Transactional(readOnly = true)
    List<Preview> next(Account account, int limit) {
        Instant now = clock.instant();
        List<Planned> planned = jdbc.sql("""
                        select id, slot_at, category from slots
                        where account_id = :a and status = 'PLANNED' and slot_at >= :now
                        order by slot_at, id limit :limit
                        """)
                .param("a", account.id())
                .param("now", Timestamp.from(now))
                .param("limit", limit)
                .query((rs, n) -> new Planned(
                        rs.getObject("id", UUID.class),
                        rs.getTimestamp("slot_at").toInstant(),
                        rs.getString("category")))
                .list();
        Set<UUID> taken = new LinkedHashSet<>();
        // API posts this preview already counted per local day, on top of those the slots record
        Map<LocalDate, Integer> previewedApi = new HashMap<>();
        return planned.stream()
                .map(slot -> preview(account, slot, now, taken, previewedApi))
                .toList();
    }

    private Preview preview(
            Account account, Planned slot, Instant now, Set<UUID> taken, Map<LocalDate, Integer> previewedApi) {
        LocalDateTime local = LocalDateTime.ofInstant(slot.slotAt(), account.zone());
        Optional<MediaPicker.Pick> pick = picker.preview(account.id(), slot.category(), taken);
        if (pick.isEmpty()) {
            return new Preview(
                    slot.id(),
                    slot.slotAt(),
                    local,
                    slot.category(),
                    null,
                    null,
                    null,
                    null,
                    null,
                    "no eligible media");
        }
        MediaPicker.Pick media = pick.get();
        taken.add(media.mediaId());
        RouteDecision route = RouteDecision.decide(account, media.requiresInteraction(), now);
        LocalDate day = local.toLocalDate();
        if (route.route() == Route.AUTO && account.apiPostsPerDay() != null) {
            int used = rollout.usedOn(account, slot.id(), slot.slotAt()) + previewedApi.getOrDefault(day, 0);
            if (used >= account.apiPostsPerDay()) {
                route = new RouteDecision(Route.MANUAL, RolloutLimit.REASON);
            }
        }
        if (route.route() == Route.AUTO) {
            previewedApi.merge(day, 1, Integer::sum);
        }
        String note = slot.category() != null && !slot.category().equals(media.category())
                ? "category " + slot.category() + " exhausted; would use " + media.category()
                : null;
        return new Preview(
                slot.id(),
                slot.slotAt(),
                local,
                slot.category(),
                media.mediaId(),
                media.path(),
                media.category(),
                route.route(),
                route.reason(),
                note);
    }
}
