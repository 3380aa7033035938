package dev.storyline.scheduler.outcomes;

import dev.storyline.contracts.events.EventEnvelope;
import dev.storyline.contracts.events.PostMethod;
import dev.storyline.contracts.json.RejectedEventException;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The rows an outcome writes, in the caller's (inbox) transaction: the slot completed once, one history
 * entry per event, one lock per post and medium. Each statement is a no-op when repeated, which is what
 * makes a redelivered outcome harmless.
 */
@Component
class PostLedger {

    private static final Logger log = LoggerFactory.getLogger(PostLedger.class);

    private final JdbcClient jdbc;
    private final MeterRegistry meters;

    PostLedger(JdbcClient jdbc, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.meters = meters;
    }

    /** Slot time to outcome, the latency an operator feels. */
    void recordEndToEnd(EventEnvelope<?> event, String method) {
        jdbc.sql("select extract(epoch from completed_at - slot_at)::float8 from slots where id = :id")
                .param("id", event.postId())
                .query(Double.class)
                .optional()
                .ifPresent(seconds -> DistributionSummary.builder("storyline_post_end_to_end_seconds")
                        .description("From the slot's planned time to its outcome")
                        .baseUnit("seconds")
                        .tag("method", method)
                        .publishPercentileHistogram()
                        .register(meters)
                        .record(Math.max(0, seconds)));
    }

    /** Moves an in-flight slot to its final status; empty if the slot was already completed. */
    Optional<UUID> complete(EventEnvelope<?> event, String status) {
        UUID postId = requirePost(event);
        Optional<UUID> media = jdbc.sql("""
                        update slots set status = :status, completed_at = now()
                        where id = :id and status in ('DISPATCHED', 'MANUAL_PENDING')
                        returning media_id
                        """)
                .param("id", postId)
                .param("status", status)
                .query(UUID.class)
                .optional();
        if (media.isEmpty()) {
            boolean known = jdbc.sql("select exists (select 1 from slots where id = :id)")
                    .param("id", postId)
                    .query(Boolean.class)
                    .single();
            if (!known) {
                throw new RejectedEventException(
                        RejectedEventException.Reason.PERMANENT_FAILURE, event.type() + " for unknown post " + postId);
            }
            log.info("{} for post {} ignored: the post already has its outcome", event.type(), postId);
        }
        return media;
    }

    UUID requirePost(EventEnvelope<?> event) {
        if (event.postId() == null) {
            throw new RejectedEventException(
                    RejectedEventException.Reason.PERMANENT_FAILURE, event.type() + " without postId");
        }
        return event.postId();
    }

    /**
     * One history entry per event, and the medium's last use moved to it in the same statement: the picker
     * orders the library by that column (a repeated event adds nothing and moves nothing).
     */
    void history(
            EventEnvelope<?> event,
            UUID mediaId,
            String status,
            PostMethod method,
            String storyId,
            String postedBy,
            String error,
            boolean dryRun,
            Instant occurredAt) {
        jdbc.sql("""
                        with entry as (
                            insert into posting_history (account_id, post_id, media_id, status, method, story_id,
                                                         posted_by, error, dry_run, event_id, occurred_at)
                            values (:account, :post, :media, :status, :method, :story, :by, :error, :dryRun, :event, :at)
                            on conflict (event_id) do nothing
                            returning media_id, occurred_at)
                        update media_items m set last_used_at = greatest(m.last_used_at, entry.occurred_at)
                        from entry where m.id = entry.media_id
                        """)
                .param("account", event.accountId())
                .param("post", event.postId())
                .param("media", mediaId)
                .param("status", status)
                .param("method", method == null ? null : method.wireName())
                .param("story", storyId)
                .param("by", postedBy)
                .param("error", error)
                .param("dryRun", dryRun)
                .param("event", event.eventId())
                .param("at", Timestamp.from(occurredAt))
                .update();
    }

    void lock(EventEnvelope<?> event, UUID mediaId, String reason, Instant until) {
        jdbc.sql("""
                        insert into media_locks (account_id, media_id, reason, locked_until, post_id)
                        values (:account, :media, :reason, :until, :post)
                        on conflict (post_id, media_id) do nothing
                        """)
                .param("account", event.accountId())
                .param("media", mediaId)
                .param("reason", reason)
                .param("until", Timestamp.from(until))
                .param("post", event.postId())
                .update();
    }
}
