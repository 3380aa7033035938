package dev.storyline.scheduler.outcomes;

import dev.storyline.contracts.events.AdminAlert;
import dev.storyline.contracts.events.AlertSeverity;
import dev.storyline.contracts.events.EventEnvelope;
import dev.storyline.contracts.events.FallbackRequested;
import dev.storyline.contracts.events.ManualPostResolved;
import dev.storyline.contracts.events.PostFailed;
import dev.storyline.contracts.events.PostMethod;
import dev.storyline.contracts.events.PostPublished;
import dev.storyline.contracts.events.TokenRefreshFailed;
import dev.storyline.contracts.events.TokenRefreshed;
import dev.storyline.platform.outbox.Outbox;
import dev.storyline.scheduler.SchedulerProperties;
import dev.storyline.scheduler.accounts.Accounts;
import dev.storyline.scheduler.accounts.ApiHealth;
import dev.storyline.scheduler.schedule.SlotEvents;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Applies outcome events to the slot, history and locks. Runs inside the inbox transaction, so a
 * redelivered event has no second effect; and only the first outcome of a post completes it, so a
 * late or conflicting outcome never overwrites who posted.
 */
@Component
public class OutcomeRecorder {

    private static final Logger log = LoggerFactory.getLogger(OutcomeRecorder.class);
    private static final Instant FOREVER = Instant.parse("9999-12-31T00:00:00Z");

    private final JdbcClient jdbc;
    private final Accounts accounts;
    private final SchedulerProperties properties;
    private final MeterRegistry meters;
    private final Outbox outbox;
    private final PostLedger ledger;
    private final SlotEvents events;

    public OutcomeRecorder(
            JdbcClient jdbc,
            Accounts accounts,
            SchedulerProperties properties,
            MeterRegistry meters,
            Outbox outbox,
            PostLedger ledger,
            SlotEvents events) {
        this.events = events;
        this.meters = meters;
        this.outbox = outbox;
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.properties = properties;
        this.ledger = ledger;
    }

    public void published(EventEnvelope<PostPublished> event) {
        PostPublished published = event.payload();
        if (published.dryRun() && dispatchedLive(event)) {
            dryRunOfLivePost(event);
            return;
        }
        Optional<UUID> media = ledger.complete(event, "PUBLISHED");
        if (media.isEmpty()) {
            return;
        }
        ledger.history(
                event,
                media.get(),
                "PUBLISHED",
                published.method(),
                published.storyId(),
                published.dryRun() ? "dry-run" : published.method().wireName(),
                null,
                published.dryRun(),
                published.publishedAt());
        ledger.lock(event, media.get(), "POSTED", Instant.now().plus(properties.repostLock()));
        events.record(
                event.postId(),
                SlotEvents.Type.PUBLISHED,
                "story " + published.storyId(),
                published.dryRun() ? "dry-run" : published.method().wireName(),
                null,
                event.eventId());
        meters.counter(
                        "storyline_posts_published_total",
                        "account",
                        event.accountId(),
                        "method",
                        published.method().wireName())
                .increment();
        ledger.recordEndToEnd(event, "instagram_api");
    }

    /**
     * A worker left in dry-run "published" a post the scheduler dispatched live: nothing reached Instagram.
     * Recording it as published would lock the medium and show a post that never happened; the slot fails
     * instead (its medium stays eligible), and the admins are told which setting is wrong.
     */
    private void dryRunOfLivePost(EventEnvelope<PostPublished> event) {
        String error =
                "a dry-run publish answered a live post: nothing was published (set DRY_RUN=false on instagram-worker)";
        Optional<UUID> media = ledger.complete(event, "FAILED");
        if (media.isEmpty()) {
            return;
        }
        ledger.history(
                event,
                media.get(),
                "FAILED",
                event.payload().method(),
                null,
                "dry-run",
                error,
                true,
                event.occurredAt());
        events.record(event.postId(), SlotEvents.Type.FAILED, error, "dry-run", null, event.eventId());
        outbox.append(event.followedBy(new AdminAlert(
                "dry-run-live-post:" + event.accountId(),
                AlertSeverity.CRITICAL,
                "Post " + event.postId() + " of " + event.accountId() + " was dispatched live but " + error + ".")));
        meters.counter("storyline_posts_failed_total", "account", event.accountId())
                .increment();
        log.warn("post {}: {}", event.postId(), error);
    }

    private boolean dispatchedLive(EventEnvelope<?> event) {
        return jdbc.sql("select coalesce(dispatched_dry_run = false, false) from slots where id = :id")
                .param("id", ledger.requirePost(event))
                .query(Boolean.class)
                .optional()
                .map(Boolean.TRUE::equals)
                .orElse(false);
    }

    public void manuallyResolved(EventEnvelope<ManualPostResolved> event) {
        ManualPostResolved resolved = event.payload();
        Optional<UUID> media = ledger.complete(event, "RESOLVED");
        if (media.isEmpty()) {
            return;
        }
        String who = resolved.telegramUsername() != null
                ? resolved.telegramUsername()
                : "telegram:" + resolved.telegramUserId();
        SlotEvents.Type outcome = switch (resolved.action()) {
            case POSTED -> SlotEvents.Type.POSTED_MANUALLY;
            case SKIPPED -> SlotEvents.Type.SKIPPED;
            case REJECTED -> SlotEvents.Type.REJECTED;
        };
        ledger.history(
                event,
                media.get(),
                outcome.name(),
                PostMethod.TELEGRAM_MANUAL,
                null,
                who,
                null,
                false,
                resolved.resolvedAt());
        switch (resolved.action()) {
            case POSTED ->
                ledger.lock(event, media.get(), "POSTED", Instant.now().plus(properties.repostLock()));
            case SKIPPED ->
                ledger.lock(event, media.get(), "SKIPPED", Instant.now().plus(properties.skipLock()));
            case REJECTED -> ledger.lock(event, media.get(), "REJECTED", FOREVER);
        }
        events.record(event.postId(), outcome, null, who, resolved.face(), event.eventId());
        meters.counter(
                        "storyline_posts_manual_resolved_total",
                        "account",
                        event.accountId(),
                        "action",
                        resolved.action().name().toLowerCase())
                .increment();
        ledger.recordEndToEnd(event, "telegram_manual");
    }

    /**
     * The automatic route gave up; the post now waits for a person, and the slot says why. The reason
     * is kept apart from the route, which becomes MANUAL, for the fallback-rate alert (FallbackWatch).
     * Only a post on the automatic route can fall back: a FallbackRequested about a post already with a
     * person (a refused 🤖 Auto post, see HandBackToApi) is for the team only and is not an API failure.
     */
    public void fellBack(EventEnvelope<FallbackRequested> event) {
        int updated = jdbc.sql("""
                        update slots set status = 'MANUAL_PENDING', route = 'MANUAL',
                                         note = :note, fallback_reason = :reason
                        where id = :id and status = 'DISPATCHED' and route = 'AUTO'
                        """)
                .param("id", ledger.requirePost(event))
                .param(
                        "note",
                        "fallback " + event.payload().reasonCode() + ": "
                                + event.payload().message())
                .param("reason", event.payload().reasonCode().name())
                .update();
        if (updated == 0) {
            log.info("fallback for post {} ignored: the post is not in flight on the automatic route", event.postId());
        } else {
            events.record(
                    event.postId(),
                    SlotEvents.Type.FELL_BACK,
                    event.payload().reasonCode() + ": " + event.payload().message(),
                    null,
                    null,
                    event.eventId());
            meters.counter(
                            "storyline_posts_fallback_total",
                            "account",
                            event.accountId(),
                            "reason",
                            event.payload().reasonCode().name().toLowerCase())
                    .increment();
        }
        // The API's health feeds routing: the next slots go to Telegram rather than into the same wall.
        // Versioned: a fallback processed after the refresh that superseded its token changes nothing.
        switch (event.payload().reasonCode()) {
            case RATE_LIMITED -> apiSignal(event, ApiHealth.Kind.RATE_LIMITED, null);
            case TOKEN_EXPIRED ->
                apiSignal(event, ApiHealth.Kind.TOKEN_FAILED, event.payload().tokenGeneration());
            default -> {}
        }
    }

    public void failed(EventEnvelope<PostFailed> event) {
        Optional<UUID> media = ledger.complete(event, "FAILED");
        if (media.isEmpty()) {
            return;
        }
        ledger.history(
                event,
                media.get(),
                "FAILED",
                null,
                null,
                event.payload().stage(),
                event.payload().error(),
                false,
                event.occurredAt());
        events.record(
                event.postId(),
                SlotEvents.Type.FAILED,
                event.payload().stage() + ": " + event.payload().error(),
                null,
                null,
                event.eventId());
        meters.counter("storyline_posts_failed_total", "account", event.accountId())
                .increment();
    }

    public void tokenRefreshed(EventEnvelope<TokenRefreshed> event) {
        apiSignal(event, ApiHealth.Kind.TOKEN_OK, event.payload().generation());
    }

    public void tokenRefreshFailed(EventEnvelope<TokenRefreshFailed> event) {
        apiSignal(event, ApiHealth.Kind.TOKEN_FAILED, event.payload().generation());
    }

    private void apiSignal(EventEnvelope<?> event, ApiHealth.Kind kind, Long generation) {
        ApiHealth.Signal signal = new ApiHealth.Signal(kind, generation, event.occurredAt());
        accounts.applyApiSignal(event.accountId(), signal, properties.rateLimitPause())
                .ifPresent(state -> log.info(
                        "{} for account '{}' (token generation {}, {}): token {}, API paused until {}",
                        event.type(),
                        event.accountId(),
                        generation,
                        event.occurredAt(),
                        state.tokenHealthy() ? "healthy" : "unhealthy",
                        state.apiPausedUntil()));
    }
}
