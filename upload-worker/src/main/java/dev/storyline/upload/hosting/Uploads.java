package dev.storyline.upload.hosting;

import dev.storyline.contracts.events.PostContent;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** The {@code uploads} table: which copy of a post's media is hosted where, and until when. */
@Component
public class Uploads {

    private static final String COLUMNS = """
            post_id, account_id, provider, public_id, media_path, mime_type, url, expires_at, hosted_event_id,
            created_at, deleted_at""";

    private final JdbcClient jdbc;

    public Uploads(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Upload> forPost(UUID postId) {
        return jdbc.sql("select " + COLUMNS + " from uploads where post_id = :postId")
                .param("postId", postId)
                .query(Upload.class)
                .optional();
    }

    /** A copy that may still be served: not deleted, and hosted by {@code provider}. */
    public Optional<Upload> servable(String provider, String publicId) {
        return jdbc.sql("select " + COLUMNS + " from uploads where public_id = :publicId and provider = :provider"
                        + " and deleted_at is null")
                .param("publicId", publicId)
                .param("provider", provider)
                .query(Upload.class)
                .optional();
    }

    /**
     * Records {@code hosted} as the post's copy, announced by the event {@code hostedEventId}, unless the post already has one that is live
     * beyond {@code mustOutlive}; returns false in that case (another delivery of the same post got
     * there first). An expired or deleted row is replaced in place. Runs in the caller's transaction;
     * the row lock on a conflicting post makes a concurrent recorder wait and then see the winner.
     */
    public boolean record(String accountId, UUID postId, PostContent content, HostedMedia hosted, UUID hostedEventId,
                          Instant mustOutlive) {
        return jdbc.sql("""
                        insert into uploads (post_id, account_id, provider, public_id, media_path, mime_type, url,
                                             expires_at, hosted_event_id)
                        values (:postId, :accountId, :provider, :publicId, :mediaPath, :mimeType, :url,
                                :expiresAt, :hostedEventId)
                        on conflict (post_id) do update
                            set account_id = excluded.account_id, provider = excluded.provider,
                                public_id = excluded.public_id, media_path = excluded.media_path,
                                mime_type = excluded.mime_type, url = excluded.url, expires_at = excluded.expires_at,
                                hosted_event_id = excluded.hosted_event_id, created_at = now(), deleted_at = null
                            where uploads.deleted_at is not null or uploads.expires_at <= :mustOutlive
                        """)
                .param("postId", postId)
                .param("accountId", accountId)
                .param("provider", hosted.provider())
                .param("publicId", hosted.publicId())
                .param("mediaPath", content.mediaPath())
                .param("mimeType", content.mimeType())
                .param("url", hosted.url())
                .param("expiresAt", Timestamp.from(hosted.expiresAt()))
                .param("hostedEventId", hostedEventId)
                .param("mustOutlive", Timestamp.from(mustOutlive))
                .update() == 1;
    }
}
