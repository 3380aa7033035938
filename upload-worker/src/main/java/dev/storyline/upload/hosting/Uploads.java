package dev.storyline.upload.hosting;

import dev.storyline.platform.lease.Claim;
import dev.storyline.platform.lease.ClaimAttempt;
import dev.storyline.platform.lease.Leases;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.SimplePropertyRowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The {@code uploads} table: who is hosting a post, which copy is hosted where and until when. */
@Component
public class Uploads {

    private static final String COLUMNS = """
            post_id, account_id, status, provider, public_id, media_path, mime_type, url, expires_at,
            hosted_event_id, claim_id, claimed_until, failure, created_at, deleted_at""";

    private static final RowMapper<Upload> ROWS = new SimplePropertyRowMapper<>(Upload.class);

    private final JdbcClient jdbc;
    private final Leases leases;

    public Uploads(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.leases = Leases.on(jdbc, "uploads", "post_id").heldWhile("status", Upload.UPLOADING);
    }

    public Optional<Upload> forPost(UUID postId) {
        return jdbc.sql("select " + COLUMNS + " from uploads where post_id = :postId")
                .param("postId", postId)
                .query(Upload.class)
                .optional();
    }

    /** A copy that may still be served: hosted by {@code provider} and not deleted. */
    public Optional<Upload> servable(String provider, String publicId) {
        return jdbc.sql("select " + COLUMNS + " from uploads where public_id = :publicId and provider = :provider"
                        + " and deleted_at is null")
                .param("publicId", publicId)
                .param("provider", provider)
                .query(Upload.class)
                .optional();
    }

    /**
     * Claims the post for one upload attempt (committed before any external call, in the caller's
     * transaction with the delivery's inbox check if there is one): granted for a
     * new post, for one whose previous claim's lease ran out, and for one whose hosted copy is deleted
     * or does not outlive {@code mustOutlive}. Finished if the copy is live or the post already fell
     * back to Telegram; busy while another claim is alive. A row lock makes concurrent claimers take
     * turns, so exactly one of them wins. Empty if the row vanished between claiming and reading it.
     */
    public Optional<ClaimAttempt<Upload>> claim(
            UUID postId, String accountId, String mediaPath, String mimeType, Duration lease, Instant mustOutlive) {
        return leases.claiming(postId)
                .insert("account_id, status, media_path, mime_type", ":accountId, 'UPLOADING', :mediaPath, :mimeType")
                .onTakeover("""
                        status = 'UPLOADING', account_id = excluded.account_id, media_path = excluded.media_path,
                        mime_type = excluded.mime_type""")
                .alsoTakeOverWhen("""
                        uploads.status = 'HOSTED'
                        and (uploads.deleted_at is not null or uploads.expires_at <= :mustOutlive)""")
                .param("accountId", accountId)
                .param("mediaPath", mediaPath)
                .param("mimeType", mimeType)
                .param("mustOutlive", Timestamp.from(mustOutlive))
                .attempt(lease, ROWS, upload -> !Upload.UPLOADING.equals(upload.status()));
    }

    /** Extends a claim that is still ours; false once it was lost (lease ran out and someone took over). */
    public boolean renew(Claim claim, Duration lease) {
        return leases.renew(claim, lease).isPresent();
    }

    /** Lets the next delivery take over at once (after an unexpected failure of ours). */
    public void release(Claim claim) {
        leases.release(claim);
    }

    /**
     * Records {@code hosted} as the post's copy, announced by {@code hostedEventId}, if the claim is
     * still ours. Runs in the caller's transaction, together with the announcement.
     */
    public boolean recordHosted(Claim claim, HostedMedia hosted, UUID hostedEventId) {
        return leases.endIfOurs(claim, """
                        status = 'HOSTED', provider = :provider, public_id = :publicId, url = :url,
                        expires_at = :expiresAt, hosted_event_id = :hostedEventId, created_at = now(),
                        deleted_at = null, failure = null""")
                        .param("provider", hosted.provider())
                        .param("publicId", hosted.publicId())
                        .param("url", hosted.url())
                        .param("expiresAt", Timestamp.from(hosted.expiresAt()))
                        .param("hostedEventId", hostedEventId)
                        .update()
                == 1;
    }

    /** Records that the post went to Telegram instead, if the claim is still ours; in the caller's transaction. */
    public boolean recordFailed(Claim claim, String failure) {
        return leases.endIfOurs(claim, "status = 'FAILED', failure = :failure")
                        .param("failure", failure)
                        .update()
                == 1;
    }

    /**
     * Records the object a claim is about to upload, before the upload (autocommit): if the answer is
     * lost, or the claim is lost, or the process dies, the sweep still knows the object exists.
     */
    public void recordObject(String provider, String publicId, UUID postId, UUID claimId, String mimeType) {
        jdbc.sql("""
                        insert into upload_objects (public_id, provider, post_id, claim_id, mime_type)
                        values (:publicId, :provider, :postId, :claimId, :mimeType)
                        on conflict (public_id) do nothing
                        """)
                .param("publicId", publicId)
                .param("provider", provider)
                .param("postId", postId)
                .param("claimId", claimId)
                .param("mimeType", mimeType)
                .update();
    }

    /** The object is gone from the provider. */
    public void objectDeleted(String publicId) {
        jdbc.sql("update upload_objects set deleted_at = now() where public_id = :publicId and deleted_at is null")
                .param("publicId", publicId)
                .update();
    }

    /** An uploaded (or maybe uploaded) object that nothing uses: not a post's copy, and its claim is over. */
    public record Orphan(String provider, String publicId, UUID postId, String mimeType) {}

    /**
     * Objects that are no post's current copy and whose claim no longer holds its post: left behind by a
     * claim that lost its post, failed, or died after uploading. Oldest first.
     */
    public List<Orphan> orphanedObjects(int limit) {
        return jdbc.sql("""
                        select provider, public_id, post_id, mime_type from upload_objects o
                        where o.deleted_at is null
                          and not exists (select 1 from uploads u where u.public_id = o.public_id and u.deleted_at is null)
                          and not exists (select 1 from uploads u where u.post_id = o.post_id and u.claim_id = o.claim_id
                                          and u.status = 'UPLOADING')
                        order by o.created_at limit :limit
                        """).param("limit", limit).query(Orphan.class).list();
    }

    /** Marks the copy {@code publicId} deleted; false if the row moved on to another copy meanwhile. */
    public boolean markDeleted(UUID postId, String publicId) {
        objectDeleted(publicId);
        return jdbc.sql("""
                        update uploads set deleted_at = now()
                        where post_id = :postId and public_id = :publicId and deleted_at is null
                        """).param("postId", postId).param("publicId", publicId).update() == 1;
    }

    /** Copies still held at a provider that were hosted before {@code hostedBefore}, oldest first. */
    public List<Upload> sweepable(Instant hostedBefore, int limit) {
        return jdbc.sql("select " + COLUMNS + " from uploads where deleted_at is null and public_id is not null"
                        + " and status <> 'UPLOADING' and created_at < :before order by created_at limit :limit")
                .param("before", Timestamp.from(hostedBefore))
                .param("limit", limit)
                .query(Upload.class)
                .list();
    }
}
