package dev.storyline.scheduler.schedule;

import dev.storyline.contracts.events.AdminAlert;
import dev.storyline.contracts.events.AlertSeverity;
import dev.storyline.contracts.events.EventEnvelope;
import dev.storyline.contracts.events.PostContent;
import dev.storyline.contracts.events.PostRequested;
import dev.storyline.contracts.events.Route;
import dev.storyline.platform.outbox.Outbox;
import dev.storyline.scheduler.SchedulerProperties;
import dev.storyline.scheduler.accounts.Account;
import dev.storyline.scheduler.accounts.Accounts;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turns due slots into exactly one {@link PostRequested} each. Slots are claimed with
 * {@code FOR UPDATE SKIP LOCKED}, and the claim, the media choice and the outbox event commit in
 * one transaction, so two scheduler instances never dispatch a slot twice.
 */
@Component
public class Dispatcher {

    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);
    private static final int BATCH = 20;

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Accounts accounts;
    private final MediaPicker picker;
    private final Outbox outbox;
    private final SchedulerProperties properties;
    private final Clock clock;
    private final MeterRegistry meters;
    private final RolloutLimit rollout;
    private final DistributionSummary lateness;

    public Dispatcher(
            JdbcClient jdbc,
            TransactionTemplate transactions,
            Accounts accounts,
            MediaPicker picker,
            Outbox outbox,
            SchedulerProperties properties,
            Clock clock,
            MeterRegistry meters,
            RolloutLimit rollout) {
        this.rollout = rollout;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.accounts = accounts;
        this.picker = picker;
        this.outbox = outbox;
        this.properties = properties;
        this.clock = clock;
        this.meters = meters;
        this.lateness = DistributionSummary.builder("storyline_slot_lateness_seconds")
                .description("How late a slot was dispatched after its planned time")
                .baseUnit("seconds")
                .publishPercentileHistogram()
                .register(meters);
    }

    record DueSlot(UUID id, String accountId, Instant slotAt, String category, boolean forced) {}

    /** Dispatches what is due now; returns how many slots were handled. */
    public int dispatchDue() {
        Integer handled = transactions.execute(status -> {
            List<DueSlot> due =
                    jdbc.sql("""
                            select s.id, s.account_id, s.slot_at, s.category, s.forced
                            from slots s join accounts a on a.id = s.account_id
                            where s.status = 'PLANNED' and s.slot_at <= now() and (not a.paused or s.forced)
                            order by s.slot_at
                            limit :limit
                            for update of s skip locked
                            """).param("limit", BATCH).query(DueSlot.class).list();
            for (DueSlot slot : due) {
                dispatchIsolated(slot, status);
            }
            return due.size();
        });
        return handled == null ? 0 : handled;
    }

    /**
     * Each slot runs behind a savepoint: a slot that cannot be dispatched is undone alone and marked
     * FAILED with an admin alert, so it can neither roll back the other accounts' slots of the batch nor
     * come back every tick (a forced slot would otherwise block dispatch for good).
     */
    private void dispatchIsolated(DueSlot slot, TransactionStatus status) {
        Object savepoint = status.createSavepoint();
        UUID[] picked = new UUID[1];
        try {
            dispatch(slot, picked);
            status.releaseSavepoint(savepoint);
        } catch (TransientDataAccessException e) {
            // a deadlock or lock timeout says nothing about the slot: leave it planned for the next tick
            status.rollbackToSavepoint(savepoint);
            log.warn(
                    "slot {} of '{}' not dispatched this time, will retry: {}",
                    slot.id(),
                    slot.accountId(),
                    e.toString());
        } catch (RuntimeException e) {
            status.rollbackToSavepoint(savepoint);
            // a refused event says what is wrong in words; anything else stays in the log, not in the chat
            String reason = e instanceof IllegalArgumentException && e.getMessage() != null
                    ? e.getMessage()
                    : "unexpected error (details in the scheduler log)";
            log.error("slot {} of '{}' cannot be dispatched; marked FAILED", slot.id(), slot.accountId(), e);
            complete(slot.id(), "FAILED", "could not be dispatched: " + reason);
            if (picked[0] != null && e instanceof IllegalArgumentException) {
                // the medium makes an event no service accepts: set it aside, or every next slot would pick it again
                jdbc.sql("""
                                update media_items set valid = false, updated_at = now(),
                                       validation_errors = array_append(validation_errors, :error)
                                where id = :id
                                """)
                        .param("id", picked[0])
                        .param("error", "could not be dispatched: " + reason)
                        .update();
            }
            outbox.append(
                    EventEnvelope.forPost(
                            slot.accountId(),
                            slot.id(),
                            new AdminAlert(
                                    "dispatch-failed:" + slot.id(),
                                    AlertSeverity.WARNING,
                                    "Slot " + slot.id() + " of account " + slot.accountId() + " (due " + slot.slotAt()
                                            + ") could not be dispatched and was not posted: " + reason
                                            + ". A medium at fault is set aside as invalid until it is indexed again; the next slots go on.")));
            meters.counter("storyline_slots_failed_total", "account", slot.accountId())
                    .increment();
        }
    }

    private void dispatch(DueSlot slot, UUID[] picked) {
        Account account = accounts.find(slot.accountId()).orElseThrow();
        Instant now = clock.instant();
        Duration late = Duration.between(slot.slotAt(), now);
        if (slot.forced() && !stillDue(slot.id(), now)) {
            return; // moved on by an earlier forced slot of this batch, see below
        }
        if (slot.forced() && late.compareTo(properties.missedGrace()) > 0) {
            // Downtime with forced slots waiting: they still go out, but the whole run moves by the delay and
            // keeps its spacing instead of firing as a burst.
            jdbc.sql("""
                            update slots set slot_at = slot_at + make_interval(secs => :late)
                            where account_id = :a and status = 'PLANNED' and forced and slot_at > :at
                            """)
                    .param("late", late.toMillis() / 1000.0)
                    .param("a", slot.accountId())
                    .param("at", java.sql.Timestamp.from(slot.slotAt()))
                    .update();
        }
        if (!slot.forced() && late.compareTo(properties.missedGrace()) > 0) {
            // Downtime policy: a slot missed by more than the grace is not posted late; the next slot posts as planned.
            complete(
                    slot.id(),
                    "MISSED",
                    "missed by " + late.toMinutes() + " min (scheduler was down); not posted late");
            meters.counter("storyline_slots_missed_total", "account", account.id())
                    .increment();
            return;
        }
        // Serialise media choice per account so two instances never hand the same item to two slots.
        jdbc.sql("select pg_advisory_xact_lock(hashtext(:account))")
                .param("account", account.id())
                .query(Object.class)
                .list();
        Optional<MediaPicker.Pick> pick = picker.pick(account.id(), slot.category());
        String note = null;
        if (pick.isEmpty() && slot.category() != null) {
            pick = picker.pick(account.id(), null);
            note = pick.map(p -> "category " + slot.category() + " exhausted; used " + p.category())
                    .orElse(null);
        }
        if (pick.isEmpty()) {
            complete(slot.id(), "EMPTY", "no eligible media");
            outbox.append(EventEnvelope.forAccount(
                    account.id(),
                    new AdminAlert(
                            "content-empty:" + account.id(),
                            AlertSeverity.CRITICAL,
                            "Account " + account.id() + " has no eligible media: a slot was left empty.")));
            return;
        }
        MediaPicker.Pick media = pick.get();
        picked[0] = media.mediaId();
        RouteDecision route = rollout.apply(
                account, slot.id(), slot.slotAt(), RouteDecision.decide(account, media.requiresInteraction(), now));
        jdbc.sql("""
                        update slots set status = case when :route = 'MANUAL' then 'MANUAL_PENDING' else 'DISPATCHED' end,
                                         media_id = :media, route = :route, route_reason = :reason,
                                         dispatched_at = now(), note = :note, category = coalesce(category, :category),
                                         dispatched_dry_run = :dryRun
                        where id = :id
                        """)
                .param("id", slot.id())
                .param("media", media.mediaId())
                .param("route", route.route().name())
                .param("dryRun", account.dryRun())
                .param("reason", route.reason())
                .param("note", note)
                .param("category", media.category())
                .update();
        PostContent content = contentOf(media);
        outbox.append(EventEnvelope.forPost(
                account.id(),
                slot.id(),
                new PostRequested(
                        content,
                        route.route(),
                        route.reason(),
                        account.instagramUserId(),
                        slot.slotAt(),
                        account.dryRun())));
        lateness.record(Math.max(0, late.toMillis()) / 1000.0);
        meters.counter(
                        "storyline_posts_requested_total",
                        "account",
                        account.id(),
                        "route",
                        route.route().name().toLowerCase())
                .increment();
        log.info(
                "dispatched slot {} of '{}' ({} late): {} via {} ({})",
                slot.id(),
                account.id(),
                late,
                media.path(),
                route.route(),
                route.reason());
    }

    private boolean stillDue(UUID slotId, Instant now) {
        return jdbc.sql("select slot_at <= :now from slots where id = :id")
                .param("id", slotId)
                .param("now", java.sql.Timestamp.from(now))
                .query(Boolean.class)
                .single();
    }

    private void complete(UUID slotId, String status, String note) {
        jdbc.sql("update slots set status = :status, note = :note, completed_at = now() where id = :id")
                .param("id", slotId)
                .param("status", status)
                .param("note", note)
                .update();
        log.warn("slot {}: {} ({})", slotId, status, note);
    }

    /** The content a PostRequested carries for a medium. */
    static PostContent contentOf(MediaPicker.Pick media) {
        return new PostContent(
                media.mediaId(),
                media.path(),
                media.mimeType(),
                media.category(),
                media.sha256(),
                media.sizeBytes(),
                media.title(),
                media.caption(),
                media.link(),
                media.tags(),
                media.requiresInteraction());
    }

    record RouteDecision(Route route, String reason) {

        static RouteDecision decide(Account account, boolean requiresInteraction, Instant now) {
            if (!account.apiEnabled()) {
                return new RouteDecision(Route.MANUAL, "api_disabled");
            }
            if (requiresInteraction) {
                return new RouteDecision(Route.MANUAL, "requires_interaction");
            }
            if (!account.tokenHealthy()) {
                return new RouteDecision(Route.MANUAL, "token_unhealthy");
            }
            if (account.apiPausedUntil() != null && account.apiPausedUntil().isAfter(now)) {
                return new RouteDecision(Route.MANUAL, "api_rate_limited");
            }
            return new RouteDecision(Route.AUTO, "api_enabled");
        }
    }
}
