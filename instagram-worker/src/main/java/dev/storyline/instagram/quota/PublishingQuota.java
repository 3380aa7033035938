package dev.storyline.instagram.quota;

import dev.storyline.instagram.InstagramProperties;
import dev.storyline.instagram.graph.AccessTokens;
import dev.storyline.instagram.graph.GraphApiClient;
import dev.storyline.instagram.graph.PublishingLimit;
import dev.storyline.instagram.health.AccountApiHealth;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Meta's publishing quota per account, held across a scaled pool of instagram-workers. An in-process
 * limiter cannot do that, so the decision is taken in PostgreSQL:
 * <ol>
 *   <li>Meta's numbers ({@code content_publishing_limit}) are cached in {@code publishing_quota} for
 *       INSTAGRAM_QUOTA_CACHE_TTL; a stale row is refreshed by an HTTP call made outside any transaction.</li>
 *   <li>Check and reserve run in one short transaction that holds the account's {@code publishing_quota}
 *       row lock, so two workers cannot both take the last unit.</li>
 *   <li>Used = the larger of Meta's usage plus our units it cannot have seen yet (reserved and not yet
 *       published when Meta answered) and our own count of units in Meta's rolling window. A unit is held
 *       by a post from its reservation until it fails without ever reaching media_publish.</li>
 * </ol>
 */
@Component
public class PublishingQuota {

    /** The answer for one post. */
    public sealed interface Reservation {
        /** A unit is this post's; {@code left} more fit in the window. */
        record Reserved(int left) implements Reservation {}

        /** No unit left: do not ask Meta to create or publish anything. */
        record Exhausted(int total, int durationSeconds, int used) implements Reservation {
            public String describe() {
                return "publishing quota of " + total + " per " + window(durationSeconds) + " used up (" + used
                        + " used, counting Meta's quota_usage and this service's own publishes)";
            }
        }

        /** The post's claim was lost meanwhile (another worker took it over); nothing was reserved. */
        record ClaimLost() implements Reservation {}
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final GraphApiClient graph;
    private final AccountApiHealth health;
    private final Duration cacheTtl;

    PublishingQuota(
            JdbcClient jdbc,
            TransactionTemplate transactions,
            GraphApiClient graph,
            AccountApiHealth health,
            InstagramProperties properties) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.graph = graph;
        this.health = health;
        this.cacheTtl = properties.quotaCacheTtl();
    }

    /**
     * Reserves one unit of the account's quota for the post held under {@code claimId}. May call the
     * Graph API (a stale cache); a failure of that call propagates as a {@code GraphApiException}.
     */
    public Reservation reserve(
            UUID postId, UUID claimId, String accountId, String igUserId, AccessTokens.AccessToken token) {
        if (!fresh(accountId)) {
            // Stamped with the time before the call: a publish requested while Meta answered may or may not be
            // in its usage, so it must count as unseen (the safe side), not as seen.
            Timestamp asked = jdbc.sql("select now()").query(Timestamp.class).single();
            PublishingLimit limit = graph.publishingLimit(igUserId, token);
            store(accountId, igUserId, limit, asked);
        }
        Reservation reservation = transactions.execute(status -> checkAndReserve(postId, claimId, accountId));
        switch (reservation) {
            case Reservation.Reserved reserved -> health.quotaLeft(accountId, reserved.left());
            case Reservation.Exhausted exhausted -> health.quotaLeft(accountId, 0);
            case Reservation.ClaimLost lost -> {}
        }
        return reservation;
    }

    private boolean fresh(String accountId) {
        return jdbc.sql("select count(*) from publishing_quota where account_id = :account "
                                + "and checked_at > now() - make_interval(secs => :ttl)")
                        .param("account", accountId)
                        .param("ttl", cacheTtl.toMillis() / 1000.0)
                        .query(Long.class)
                        .single()
                > 0;
    }

    /** Two workers refreshing at once: the later reading wins, an older one never overwrites it. */
    private void store(String accountId, String igUserId, PublishingLimit limit, Timestamp asked) {
        jdbc.sql("""
                        insert into publishing_quota (account_id, ig_user_id, quota_total, quota_duration, usage, checked_at)
                        values (:account, :ig, :total, :duration, :usage, :asked)
                        on conflict (account_id) do update
                            set ig_user_id = excluded.ig_user_id, quota_total = excluded.quota_total,
                                quota_duration = excluded.quota_duration, usage = excluded.usage, checked_at = excluded.checked_at
                            where publishing_quota.checked_at < excluded.checked_at
                        """)
                .param("account", accountId)
                .param("ig", igUserId)
                .param("total", Math.max(0, limit.total()))
                .param("duration", limit.durationSeconds())
                .param("usage", Math.max(0, limit.usage()))
                .param("asked", asked)
                .update();
    }

    private record Cached(int total, int durationSeconds, int usage, Timestamp checkedAt) {}

    private Reservation checkAndReserve(UUID postId, UUID claimId, String accountId) {
        // The row lock serialises every worker's check-and-reserve for this account until commit.
        Optional<Cached> cached = jdbc.sql(
                        "select quota_total, quota_duration, usage, checked_at from publishing_quota "
                                + "where account_id = :account for update")
                .param("account", accountId)
                .query((rs, n) -> new Cached(
                        rs.getInt("quota_total"),
                        rs.getInt("quota_duration"),
                        rs.getInt("usage"),
                        rs.getTimestamp("checked_at")))
                .optional();
        if (cached.isEmpty()) {
            throw new IllegalStateException("publishing_quota of account " + accountId + " vanished");
        }
        Cached quota = cached.get();
        // Units that hold: reserved within Meta's window, and either still in flight or sent to media_publish.
        // "unseen" are those Meta's quota_usage cannot include: not yet sent to media_publish when Meta answered.
        record Counts(long own, long unseen) {}
        Counts counts = jdbc.sql("""
                        select count(*) as own,
                               count(*) filter (where publish_requested_at is null or publish_requested_at >= :checkedAt) as unseen
                        from publications
                        where account_id = :account and post_id <> :post
                          and quota_reserved_at > now() - make_interval(secs => :window)
                          and (publish_requested_at is not null or status in ('CLAIMED', 'CONTAINER_CREATED'))
                        """)
                .param("account", accountId)
                .param("post", postId)
                .param("checkedAt", quota.checkedAt())
                .param("window", quota.durationSeconds())
                .query((rs, n) -> new Counts(rs.getLong("own"), rs.getLong("unseen")))
                .single();
        int used = (int) Math.max(quota.usage() + counts.unseen(), counts.own());
        if (used >= quota.total()) {
            return new Reservation.Exhausted(quota.total(), quota.durationSeconds(), used);
        }
        int taken = jdbc.sql("update publications set quota_reserved_at = now(), updated_at = now() "
                        + "where post_id = :post and claim_id = :claim and quota_reserved_at is null "
                        + "and status in ('CLAIMED', 'CONTAINER_CREATED')")
                .param("post", postId)
                .param("claim", claimId)
                .update();
        return taken == 1 ? new Reservation.Reserved(quota.total() - used - 1) : new Reservation.ClaimLost();
    }

    static String window(int durationSeconds) {
        return durationSeconds % 3600 == 0 ? durationSeconds / 3600 + " h" : durationSeconds + " s";
    }
}
