package dev.storyline.scheduler.schedule;

import dev.storyline.contracts.events.AutoPostRequested;
import dev.storyline.contracts.events.EventEnvelope;
import dev.storyline.contracts.events.FallbackReason;
import dev.storyline.contracts.events.FallbackRequested;
import dev.storyline.contracts.events.ManualPostResolved;
import dev.storyline.contracts.events.PostContent;
import dev.storyline.contracts.events.PostRequested;
import dev.storyline.contracts.events.Route;
import dev.storyline.platform.outbox.Outbox;
import dev.storyline.scheduler.accounts.Account;
import dev.storyline.scheduler.accounts.Accounts;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The 🤖 Auto post button: a post waiting on Telegram goes back to the automatic route with the same
 * medium. Only a post that never reached the Graph API qualifies (it was routed to Telegram from the
 * start because the API was off, resting or without a healthy token): a post the API already failed
 * on has a finished publication there, and sending it again could never be exactly once. If the API
 * is not healthy by the scheduler's own view, the team gets the post back on Telegram with the reason;
 * it is never left waiting on nobody.
 */
@Component
public class HandBackToApi {

    private static final Logger log = LoggerFactory.getLogger(HandBackToApi.class);

    private record WaitingSlot(String accountId, UUID mediaId, Instant slotAt, String fallbackReason) {}

    private final JdbcClient jdbc;
    private final Accounts accounts;
    private final MediaPicker media;
    private final Outbox outbox;
    private final Clock clock;
    private final MeterRegistry meters;
    private final SlotEvents events;

    HandBackToApi(
            JdbcClient jdbc,
            Accounts accounts,
            MediaPicker media,
            Outbox outbox,
            Clock clock,
            MeterRegistry meters,
            SlotEvents events) {
        this.jdbc = jdbc;
        this.events = events;
        this.accounts = accounts;
        this.media = media;
        this.outbox = outbox;
        this.clock = clock;
        this.meters = meters;
    }

    /** Runs in the consumer's transaction: the slot change and the outgoing event commit together. */
    public void handBack(EventEnvelope<AutoPostRequested> event) {
        Optional<WaitingSlot> waiting = jdbc.sql("""
                        select account_id, media_id, slot_at, fallback_reason from slots
                        where id = :id and route = 'MANUAL' and status in ('DISPATCHED', 'MANUAL_PENDING') for update
                        """)
                .param("id", event.postId())
                .query(WaitingSlot.class)
                .optional();
        if (waiting.isEmpty()) {
            log.info("auto post for {} ignored: the post is not waiting for a person", event.postId());
            return;
        }
        WaitingSlot slot = waiting.get();
        Account account = accounts.find(slot.accountId()).orElseThrow();
        MediaPicker.Pick medium = media.chosen(slot.mediaId()).orElseThrow();
        PostContent content = SlotDispatch.contentOf(medium);
        String who = event.payload().telegramUsername() != null
                ? "@" + event.payload().telegramUsername()
                : "telegram:" + event.payload().telegramUserId();
        Optional<String> refusal = refusal(account, medium, slot);
        if (refusal.isPresent()) {
            log.warn("auto post for {} by {} refused: {}", event.postId(), who, refusal.get());
            outbox.append(event.followedBy(new FallbackRequested(
                    content,
                    FallbackReason.API_UNAVAILABLE,
                    "Auto post refused: " + refusal.get() + ". Please post it by hand.",
                    null)));
            meters.counter("storyline_auto_post_handbacks_total", "account", account.id(), "outcome", "refused")
                    .increment();
            return;
        }
        jdbc.sql("""
                        update slots set status = 'DISPATCHED', route = 'AUTO', route_reason = 'handed_back',
                                         dispatched_at = now(), note = :note
                        where id = :id and route = 'MANUAL' and status in ('DISPATCHED', 'MANUAL_PENDING')
                        """)
                .param("id", event.postId())
                .param("note", "handed back to the API by " + who)
                .update();
        events.record(
                event.postId(),
                SlotEvents.Type.HANDED_BACK,
                "back to the Instagram API (handed_back)",
                who,
                ManualPostResolved.VIA_TELEGRAM,
                event.eventId());
        outbox.append(event.followedBy(new PostRequested(
                content, Route.AUTO, "handed_back", account.instagramUserId(), slot.slotAt(), account.dryRun())));
        meters.counter("storyline_auto_post_handbacks_total", "account", account.id(), "outcome", "dispatched")
                .increment();
        log.info("post {} handed back to the API by {}", event.postId(), who);
    }

    private Optional<String> refusal(Account account, MediaPicker.Pick medium, WaitingSlot slot) {
        if (slot.fallbackReason() != null) {
            return Optional.of("the API already failed on this post ("
                    + slot.fallbackReason().toLowerCase() + ")");
        }
        RouteDecision route = RouteDecision.decide(account, medium.requiresInteraction(), clock.instant());
        return route.route() == Route.AUTO
                ? Optional.empty()
                : Optional.of("the API cannot post for " + account.id() + " now ("
                        + route.reason().replace('_', ' ') + ")");
    }
}
