package dev.storyline.scheduler.schedule;

import dev.storyline.contracts.events.AdminAlert;
import dev.storyline.contracts.events.AlertSeverity;
import dev.storyline.contracts.events.EventEnvelope;
import dev.storyline.contracts.events.PostContent;
import dev.storyline.contracts.events.PostRequested;
import dev.storyline.platform.outbox.Outbox;
import dev.storyline.scheduler.SchedulerProperties;
import dev.storyline.scheduler.accounts.Account;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Dispatches one claimed slot: posts it (the medium chosen now, the slot updated and its
 * {@link PostRequested} appended), or marks it missed or empty. Runs inside the batch's transaction,
 * behind the slot's savepoint, with the account's lock already held.
 */
@Component
class SlotDispatch {

    private static final Logger log = LoggerFactory.getLogger(SlotDispatch.class);

    private final JdbcClient jdbc;
    private final MediaPicker picker;
    private final Outbox outbox;
    private final SchedulerProperties properties;
    private final Clock clock;
    private final MeterRegistry meters;
    private final RolloutLimit rollout;
    private final DistributionSummary lateness;
    private final SlotEvents events;

    SlotDispatch(
            JdbcClient jdbc,
            MediaPicker picker,
            Outbox outbox,
            SchedulerProperties properties,
            Clock clock,
            MeterRegistry meters,
            RolloutLimit rollout,
            SlotEvents events) {
        this.jdbc = jdbc;
        this.events = events;
        this.rollout = rollout;
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

    /**
     * @param picked receives the medium as soon as the slot carries it, so a failure after that can set
     *               the medium aside
     */
    void dispatch(DueSlots.DueSlot slot, Account account, UUID[] picked) {
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
                    .param("at", Timestamp.from(slot.slotAt()))
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
        // the roll-out limit can only turn an API post into a manual one, so it concerns the second route alone
        MediaPicker.Routes routes = new MediaPicker.Routes(
                RouteDecision.decide(account, true, now),
                rollout.apply(account, slot.id(), slot.slotAt(), RouteDecision.decide(account, false, now)));
        Optional<MediaPicker.Pick> pick =
                picker.assign(slot.id(), account.id(), slot.category(), account.dryRun(), routes);
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
        String exhausted = null;
        if (slot.category() != null && !slot.category().equals(media.category())) {
            exhausted = "category " + slot.category() + " exhausted; used " + media.category();
            note(slot.id(), exhausted);
        }
        RouteDecision route = media.requiresInteraction() ? routes.ifInteraction() : routes.otherwise();
        events.record(
                slot.id(),
                SlotEvents.Type.DISPATCHED,
                dispatched(route, media, account.dryRun()) + (exhausted == null ? "" : "; " + exhausted));
        outbox.append(EventEnvelope.forPost(
                account.id(),
                slot.id(),
                new PostRequested(
                        contentOf(media),
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

    /** How the timeline tells a dispatch: the route and why, e.g. "MANUAL (requires_interaction): memes/a.jpg". */
    static String dispatched(RouteDecision route, MediaPicker.Pick media, boolean dryRun) {
        return route.route() + " (" + route.reason() + "): " + media.path() + (dryRun ? ", dry-run" : "");
    }

    /** Ends a slot without a post: MISSED, EMPTY, or FAILED when it could not be dispatched. */
    void complete(UUID slotId, String status, String note) {
        jdbc.sql("update slots set status = :status, note = :note, completed_at = now() where id = :id")
                .param("id", slotId)
                .param("status", status)
                .param("note", note)
                .update();
        events.record(slotId, SlotEvents.Type.valueOf(status), note);
        log.warn("slot {}: {} ({})", slotId, status, note);
    }

    private void note(UUID slotId, String note) {
        jdbc.sql("update slots set note = :note where id = :id")
                .param("id", slotId)
                .param("note", note)
                .update();
    }

    private boolean stillDue(UUID slotId, Instant now) {
        return jdbc.sql("select slot_at <= :now from slots where id = :id")
                .param("id", slotId)
                .param("now", Timestamp.from(now))
                .query(Boolean.class)
                .single();
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
}
