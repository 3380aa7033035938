package dev.storyline.instagram.publishing;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/**
 * The exactly-once state of each post. Every transition is a single conditional UPDATE (compare
 * and set), so two workers racing on one post cannot both move it forward, and no transaction is
 * ever held open across a Graph API call.
 */
@Component
class Publications {

    private static final String IN_FLIGHT = "status in ('CLAIMED', 'CONTAINER_CREATED')";

    private final JdbcClient jdbc;

    Publications(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Claims the post for {@code lease} before any external call: the first claim inserts the row,
     * a later one takes over only an unfinished row whose previous lease has lapsed (a crashed or
     * released worker). Each granted claim counts as an attempt.
     */
    Claim claim(UUID postId, String accountId, boolean dryRun, Duration lease) {
        Optional<Publication> granted = jdbc.sql("""
                        insert into publications (post_id, account_id, status, dry_run, attempts, claim_id, claimed_until)
                        values (:post, :account, 'CLAIMED', :dryRun, 1, :claim, now() + make_interval(secs => :lease))
                        on conflict (post_id) do update
                            set attempts = publications.attempts + 1,
                                claim_id = excluded.claim_id,
                                claimed_until = excluded.claimed_until,
                                updated_at = now()
                            where publications.status in ('CLAIMED', 'CONTAINER_CREATED')
                              and (publications.claimed_until is null or publications.claimed_until < now())
                        returning *
                        """)
                .param("post", postId).param("account", accountId).param("dryRun", dryRun)
                .param("claim", UUID.randomUUID()).param("lease", seconds(lease))
                .query(Publications::map).optional();
        if (granted.isPresent()) {
            return new Claim.Granted(granted.get());
        }
        Publication existing = find(postId).orElseThrow(() -> new IllegalStateException("publication " + postId + " vanished"));
        return existing.finished() ? new Claim.Finished(existing) : new Claim.Busy(existing);
    }

    Optional<Publication> find(UUID postId) {
        return jdbc.sql("select * from publications where post_id = :post").param("post", postId)
                .query(Publications::map).optional();
    }

    /** Renews a held claim; false if it was lost (lapsed and taken over, or the post finished). */
    boolean renewClaim(Publication claimed, Duration lease) {
        return jdbc.sql("update publications set claimed_until = now() + make_interval(secs => :lease) "
                        + "where post_id = :post and claim_id = :claim and " + IN_FLIGHT)
                .param("post", claimed.postId()).param("claim", claimed.claimId()).param("lease", seconds(lease))
                .update() == 1;
    }

    boolean recordContainer(Publication claimed, String containerId) {
        return jdbc.sql("update publications set container_id = :container, status = 'CONTAINER_CREATED', updated_at = now() "
                        + "where post_id = :post and claim_id = :claim and status = 'CLAIMED'")
                .param("post", claimed.postId()).param("claim", claimed.claimId()).param("container", containerId)
                .update() == 1;
    }

    /** A container that expired before publishing is useless; the next attempt creates a fresh one. */
    boolean forgetExpiredContainer(Publication claimed, String containerId) {
        return jdbc.sql("update publications set container_id = null, status = 'CLAIMED', updated_at = now() "
                        + "where post_id = :post and claim_id = :claim and container_id = :container "
                        + "and publish_requested_at is null")
                .param("post", claimed.postId()).param("claim", claimed.claimId()).param("container", containerId)
                .update() == 1;
    }

    /**
     * The gate in front of media_publish: true for exactly one caller per post, ever. Committed before
     * the call, so after a crash or a timeout the mark stays and nobody calls media_publish again.
     */
    boolean markPublishRequested(Publication claimed) {
        return jdbc.sql("update publications set publish_requested_at = now(), updated_at = now() "
                        + "where post_id = :post and claim_id = :claim and status = 'CONTAINER_CREATED' "
                        + "and publish_requested_at is null")
                .param("post", claimed.postId()).param("claim", claimed.claimId()).update() == 1;
    }

    /**
     * True if this call completed the post; false if it was already finished or another worker took the
     * claim over (then emit nothing: the post's outcome is the current holder's to report).
     */
    boolean markPublished(Publication claimed, String storyId) {
        return jdbc.sql("update publications set status = 'PUBLISHED', story_id = :story, claim_id = null, "
                        + "published_at = now(), claimed_until = null, last_error = null, updated_at = now() "
                        + "where post_id = :post and claim_id = :claim and " + IN_FLIGHT)
                .param("post", claimed.postId()).param("claim", claimed.claimId()).param("story", storyId).update() == 1;
    }

    /** Like {@link #markPublished}: only the holder of the claim may end the post. */
    boolean markFailed(Publication claimed, String error) {
        return jdbc.sql("update publications set status = 'FAILED', last_error = :error, claim_id = null, "
                        + "claimed_until = null, updated_at = now() where post_id = :post and claim_id = :claim and " + IN_FLIGHT)
                .param("post", claimed.postId()).param("claim", claimed.claimId()).param("error", error).update() == 1;
    }

    /** Gives the claim back after a transient failure so the broker's retry can take it at once. */
    void release(Publication claimed, String error) {
        jdbc.sql("update publications set claim_id = null, claimed_until = null, last_error = :error, updated_at = now() "
                        + "where post_id = :post and claim_id = :claim and " + IN_FLIGHT)
                .param("post", claimed.postId()).param("claim", claimed.claimId()).param("error", error).update();
    }

    /** Story ids already recorded for the account's other posts: a Story listed by Meta that is one of these is not ours. */
    java.util.Set<String> storyIdsOfOtherPosts(Publication claimed) {
        return java.util.Set.copyOf(jdbc.sql("select story_id from publications where account_id = :account "
                        + "and post_id <> :post and story_id is not null and updated_at > now() - interval '2 days'")
                .param("account", claimed.accountId()).param("post", claimed.postId()).query(String.class).list());
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }

    private static Publication map(ResultSet rs, int row) throws SQLException {
        return new Publication(rs.getObject("post_id", UUID.class), rs.getString("account_id"),
                rs.getString("container_id"), Publication.Status.valueOf(rs.getString("status")),
                rs.getString("story_id"), rs.getBoolean("dry_run"), rs.getInt("attempts"),
                rs.getString("last_error"),
                rs.getTimestamp("publish_requested_at") == null ? null : rs.getTimestamp("publish_requested_at").toInstant(),
                rs.getObject("claim_id", UUID.class), rs.getTimestamp("quota_reserved_at") != null);
    }
}
