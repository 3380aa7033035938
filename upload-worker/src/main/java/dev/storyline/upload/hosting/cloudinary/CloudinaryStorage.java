package dev.storyline.upload.hosting.cloudinary;

import com.cloudinary.Cloudinary;
import dev.storyline.upload.UploadProperties;
import dev.storyline.upload.hosting.CloudStorage;
import dev.storyline.upload.hosting.HostedMedia;
import dev.storyline.upload.hosting.HostedNames;
import dev.storyline.upload.hosting.HostingException;
import dev.storyline.upload.hosting.StoryMedia;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Hosting on Cloudinary through its upload API (cloudinary-http5). Files are sent from disk: small
 * ones as one streamed multipart part, larger ones with upload_large in fixed chunks, so memory stays
 * flat. Plain delivery URLs never expire; the copy lives until it is deleted after the post (or by
 * the retention sweep), which is what {@code expiresAt} reports.
 */
@Component
@ConditionalOnProperty(prefix = "storyline.upload", name = "storage-provider", havingValue = "cloudinary")
class CloudinaryStorage implements CloudStorage {

    static final String PROVIDER = UploadProperties.CLOUDINARY;
    /** Above this a file goes up in chunks (Cloudinary needs upload_large beyond 100 MB anyway). */
    static final long CHUNKED_ABOVE = 20L * 1024 * 1024;

    static final int CHUNK_SIZE = 6 * 1024 * 1024;

    private final Cloudinary cloudinary;
    private final String folder;
    private final Duration lifetime;
    private final Clock clock;

    CloudinaryStorage(CloudinaryProperties properties, UploadProperties upload, Clock clock) {
        Map<String, Object> config = new HashMap<>();
        config.put("cloud_name", properties.cloudName());
        config.put("api_key", properties.apiKey());
        config.put("api_secret", properties.apiSecret());
        config.put("secure", true);
        config.put("timeout", (int) properties.timeout().toSeconds());
        if (properties.uploadPrefix() != null) {
            config.put("upload_prefix", properties.uploadPrefix());
        }
        this.cloudinary = new Cloudinary(config);
        this.folder = properties.folder();
        this.lifetime = upload.retention();
        this.clock = clock;
    }

    @Override
    public String objectId(UUID postId, UUID claimId, StoryMedia media) {
        return HostedNames.cloudinaryPublicId(folder, postId, claimId);
    }

    /** {@code overwrite=false}: a retry of an upload that did land gets the stored asset back, not a second one. */
    @Override
    public HostedMedia upload(String accountId, UUID postId, String objectId, StoryMedia media) {
        String publicId = objectId;
        Map<String, Object> options = new HashMap<>();
        options.put("public_id", publicId);
        options.put("resource_type", resourceType(media.contentType()));
        options.put("overwrite", false);
        options.put("return_error", true); // errors come back as a map with the HTTP status instead of a bare message
        Map<?, ?> result;
        try {
            result = media.sizeBytes() > CHUNKED_ABOVE
                    ? cloudinary.uploader().uploadLarge(media.file().toFile(), options, CHUNK_SIZE)
                    : cloudinary.uploader().upload(media.file().toFile(), options);
        } catch (IOException e) {
            throw HostingException.transientFailure("uploading " + publicId + " to Cloudinary: " + e, e);
        } catch (RuntimeException e) {
            throw HostingException.transientFailure("uploading " + publicId + " to Cloudinary: " + e.getMessage(), e);
        }
        failIfError("uploading " + publicId + " to Cloudinary", result);
        Object url = result.get("secure_url") != null ? result.get("secure_url") : result.get("url");
        Object hostedId = result.get("public_id");
        if (url == null || hostedId == null) {
            throw HostingException.transientFailure(
                    "Cloudinary answered the upload of " + publicId + " without public_id/secure_url: " + result, null);
        }
        Instant expiresAt = clock.instant().plus(lifetime).truncatedTo(ChronoUnit.SECONDS);
        return new HostedMedia(url.toString(), PROVIDER, hostedId.toString(), expiresAt);
    }

    @Override
    public void delete(String publicId, String mimeType) {
        Map<?, ?> result;
        try {
            result = cloudinary
                    .uploader()
                    .destroy(
                            publicId,
                            Map.of("resource_type", resourceType(mimeType), "invalidate", true, "return_error", true));
        } catch (IOException e) {
            throw HostingException.transientFailure("deleting " + publicId + " from Cloudinary: " + e, e);
        } catch (RuntimeException e) {
            throw HostingException.transientFailure("deleting " + publicId + " from Cloudinary: " + e.getMessage(), e);
        }
        failIfError("deleting " + publicId + " from Cloudinary", result);
        // {"result":"ok"} or {"result":"not found"}: both mean it is gone
    }

    private static void failIfError(String what, Map<?, ?> result) {
        if (result != null && result.get("error") instanceof Map<?, ?> error) {
            int status = error.get("http_code") instanceof Number n ? n.intValue() : 500;
            throw HostingException.forStatus(
                    status, what + ": Cloudinary answered " + status + " " + error.get("message"), null);
        }
    }

    private static String resourceType(String mimeType) {
        return mimeType != null && mimeType.startsWith("video/") ? "video" : "image";
    }
}
