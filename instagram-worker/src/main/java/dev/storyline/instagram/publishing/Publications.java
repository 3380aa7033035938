package dev.storyline.instagram.publishing;

import dev.storyline.platform.lease.ClaimAttempt;
import dev.storyline.platform.lease.Leases;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The exactly-once state of each post. Every transition is a single conditional UPDATE (compare
 * and set, through the shared {@link Leases}), so two workers racing on one post cannot both move it
 * forward, and no transaction is ever held open across a Graph API call.
 */
@Component
class Publications {

    private final JdbcClient jdbc;
    private final Leases leases;

    Publications(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.leases = Leases.on(jdbc, "publications", "post_id").heldWhile("status", "CLAIMED", "CONTAINER_CREATED");
    }

    /**
     * Claims the post for {@code lease} before any external call: the first claim inserts the row,
     * a later one takes over only an unfinished row whose previous lease has lapsed (a crashed or
     * released worker). Each granted claim counts as an attempt.
     */
    ClaimAttempt<Publication> claim(UUID postId, String accountId, boolean dryRun, Duration lease) {
        return leases.claiming(postId)
                .insert("account_id, status, dry_run, attempts", ":account, 'CLAIMED', :dryRun, 1")
                .onTakeover("attempts = publications.attempts + 1, updated_at = now()")
                .param("account", accountId)
                .param("dryRun", dryRun)
                .attempt(lease, Publications::map, Publication::finished)
                .orElseThrow(() -> new IllegalStateException("publication " + postId + " vanished"));
    }

    Optional<Publication> find(UUID postId) {
        return jdbc.sql("select * from publications where post_id = :post")
                .param("post", postId)
                .query(Publications::map)
                .optional();
    }

    /** Renews a held claim; false if it was lost (lapsed and taken over, or the post finished). */
    boolean renewClaim(Publication claimed, Duration lease) {
        return leases.renew(claimed.claim(), lease).isPresent();
    }

    boolean recordContainer(Publication claimed, String containerId) {
        return leases.updateIfOurs(
                                claimed.claim(),
                                "container_id = :container, status = 'CONTAINER_CREATED', " + "updated_at = now()",
                                "status = 'CLAIMED'")
                        .param("container", containerId)
                        .update()
                == 1;
    }

    /** A container that expired before publishing is useless; the next attempt creates a fresh one. */
    boolean forgetExpiredContainer(Publication claimed, String containerId) {
        return leases.updateIfOurs(
                                claimed.claim(),
                                "container_id = null, status = 'CLAIMED', updated_at = now()",
                                "container_id = :container and publish_requested_at is null")
                        .param("container", containerId)
                        .update()
                == 1;
    }

    /**
     * The gate in front of media_publish: true for exactly one caller per post, ever. Committed before
     * the call, so after a crash or a timeout the mark stays and nobody calls media_publish again.
     */
    boolean markPublishRequested(Publication claimed) {
        return leases.updateIfOurs(
                                claimed.claim(),
                                "publish_requested_at = now(), updated_at = now()",
                                "status = 'CONTAINER_CREATED' and publish_requested_at is null")
                        .update()
                == 1;
    }

    /**
     * True if this call completed the post; false if it was already finished or another worker took the
     * claim over (then emit nothing: the post's outcome is the current holder's to report).
     */
    boolean markPublished(Publication claimed, String storyId) {
        return leases.endIfOurs(
                                claimed.claim(),
                                "status = 'PUBLISHED', story_id = :story, published_at = now(), "
                                        + "last_error = null, updated_at = now()")
                        .param("story", storyId)
                        .update()
                == 1;
    }

    /** Like {@link #markPublished}: only the holder of the claim may end the post. */
    boolean markFailed(Publication claimed, String error) {
        return leases.endIfOurs(claimed.claim(), "status = 'FAILED', last_error = :error, updated_at = now()")
                        .param("error", error)
                        .update()
                == 1;
    }

    /**
     * Gives the claim back after a transient failure so the broker's retry can take it at once: the claim
     * ends (token and lease cleared) while the post stays in flight, which the next claim takes over.
     */
    void release(Publication claimed, String error) {
        leases.endIfOurs(claimed.claim(), "last_error = :error, updated_at = now()")
                .param("error", error)
                .update();
    }

    /** Story ids already recorded for the account's other posts: a Story listed by Meta that is one of these is not ours. */
    java.util.Set<String> storyIdsOfOtherPosts(Publication claimed) {
        return java.util.Set.copyOf(jdbc.sql("select story_id from publications where account_id = :account "
                        + "and post_id <> :post and story_id is not null and updated_at > now() - interval '2 days'")
                .param("account", claimed.accountId())
                .param("post", claimed.postId())
                .query(String.class)
                .list());
    }

    private static Publication map(ResultSet rs, int row) throws SQLException {
        return new Publication(
                rs.getObject("post_id", UUID.class),
                rs.getString("account_id"),
                rs.getString("container_id"),
                Publication.Status.valueOf(rs.getString("status")),
                rs.getString("story_id"),
                rs.getBoolean("dry_run"),
                rs.getInt("attempts"),
                rs.getString("last_error"),
                rs.getTimestamp("publish_requested_at") == null
                        ? null
                        : rs.getTimestamp("publish_requested_at").toInstant(),
                Leases.claimIn(rs, "post_id"),
                rs.getTimestamp("quota_reserved_at") != null);
    }
}
