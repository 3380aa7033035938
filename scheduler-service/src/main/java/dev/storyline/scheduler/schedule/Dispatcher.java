package dev.storyline.scheduler.schedule;

import dev.storyline.contracts.events.AdminAlert;
import dev.storyline.contracts.events.AlertSeverity;
import dev.storyline.contracts.events.EventEnvelope;
import dev.storyline.contracts.events.PostContent;
import dev.storyline.contracts.events.PostRequested;
import dev.storyline.contracts.events.Route;
import dev.storyline.contracts.outbox.Outbox;
import dev.storyline.scheduler.SchedulerProperties;
import dev.storyline.scheduler.accounts.Account;
import dev.storyline.scheduler.accounts.Accounts;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Turns due slots into exactly one {@link PostRequested} each. Slots are claimed with
 * {@code FOR UPDATE SKIP LOCKED}, and the claim, the media choice and the outbox event commit in
 * one transaction, so two scheduler instances never dispatch a slot twice (LESSONS 6).
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
    private final DistributionSummary lateness;

    public Dispatcher(JdbcClient jdbc, TransactionTemplate transactions, Accounts accounts, MediaPicker picker,
                      Outbox outbox, SchedulerProperties properties, Clock clock, MeterRegistry meters) {
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
                .baseUnit("seconds").publishPercentileHistogram().register(meters);
    }

    record DueSlot(UUID id, String accountId, Instant slotAt, String category, boolean forced) {
    }

    /** Dispatches what is due now; returns how many slots were handled. */
    public int dispatchDue() {
        Integer handled = transactions.execute(status -> {
            List<DueSlot> due = jdbc.sql("""
                            select s.id, s.account_id, s.slot_at, s.category, s.forced
                            from slots s join accounts a on a.id = s.account_id
                            where s.status = 'PLANNED' and s.slot_at <= now() and (not a.paused or s.forced)
                            order by s.slot_at
                            limit :limit
                            for update of s skip locked
                            """)
                    .param("limit", BATCH)
                    .query(DueSlot.class)
                    .list();
            due.forEach(this::dispatch);
            return due.size();
        });
        return handled == null ? 0 : handled;
    }

    private void dispatch(DueSlot slot) {
        Account account = accounts.find(slot.accountId()).orElseThrow();
        Instant now = clock.instant();
        Duration late = Duration.between(slot.slotAt(), now);
        if (!slot.forced() && late.compareTo(properties.missedGrace()) > 0) {
            // Downtime policy: a slot missed by more than the grace is not posted late; the next slot posts as planned.
            complete(slot.id(), "MISSED", "missed by " + late.toMinutes() + " min (scheduler was down); not posted late");
            meters.counter("storyline_slots_missed_total", "account", account.id()).increment();
            return;
        }
        // Serialise media choice per account so two instances never hand the same item to two slots.
        jdbc.sql("select pg_advisory_xact_lock(hashtext(:account))").param("account", account.id()).query(Object.class).list();
        Optional<MediaPicker.Pick> pick = picker.pick(account.id(), slot.category());
        String note = null;
        if (pick.isEmpty() && slot.category() != null) {
            pick = picker.pick(account.id(), null);
            note = pick.map(p -> "category " + slot.category() + " exhausted; used " + p.category()).orElse(null);
        }
        if (pick.isEmpty()) {
            complete(slot.id(), "EMPTY", "no eligible media");
            outbox.append(EventEnvelope.forAccount(account.id(), new AdminAlert("content-empty:" + account.id(),
                    AlertSeverity.CRITICAL, "Account " + account.id() + " has no eligible media: a slot was left empty.")));
            return;
        }
        MediaPicker.Pick media = pick.get();
        RouteDecision route = RouteDecision.decide(account, media.requiresInteraction(), now);
        jdbc.sql("""
                        update slots set status = 'DISPATCHED', media_id = :media, route = :route, route_reason = :reason,
                                         dispatched_at = now(), note = :note, category = coalesce(category, :category),
                                         dispatched_dry_run = :dryRun
                        where id = :id
                        """)
                .param("id", slot.id()).param("media", media.mediaId()).param("route", route.route().name())
                .param("dryRun", account.dryRun())
                .param("reason", route.reason()).param("note", note).param("category", media.category())
                .update();
        PostContent content = contentOf(media);
        outbox.append(EventEnvelope.forPost(account.id(), slot.id(), new PostRequested(content, route.route(),
                route.reason(), account.instagramUserId(), slot.slotAt(), account.dryRun())));
        lateness.record(Math.max(0, late.toMillis()) / 1000.0);
        meters.counter("storyline_posts_requested_total", "account", account.id(), "route",
                route.route().name().toLowerCase()).increment();
        log.info("dispatched slot {} of '{}' ({} late): {} via {} ({})", slot.id(), account.id(), late, media.path(),
                route.route(), route.reason());
    }

    private void complete(UUID slotId, String status, String note) {
        jdbc.sql("update slots set status = :status, note = :note, completed_at = now() where id = :id")
                .param("id", slotId).param("status", status).param("note", note).update();
        log.warn("slot {}: {} ({})", slotId, status, note);
    }

    /** The content a PostRequested carries for a medium. */
    static PostContent contentOf(MediaPicker.Pick media) {
        return new PostContent(media.mediaId(), media.path(), media.mimeType(), media.category(),
                media.sha256(), media.sizeBytes(), media.title(), media.caption(), media.link(), media.tags(),
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
