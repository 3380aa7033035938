package dev.storyline.upload;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param mediaRoot           the folder {@code PostContent.mediaPath} is relative to (the scheduler's MEDIA_ROOT)
 * @param storageProvider     where media is hosted for the Graph API
 * @param retentionHours      hosted copies older than this are deleted by the sweep
 * @param reuseMargin         a live upload is reused only if it stays reachable at least this much longer
 * @param retryMaxAttempts    attempts at a transient hosting failure (5xx, timeout, reset) before falling back
 * @param retryInitialBackoff wait before the second attempt; doubled for each further one
 * @param lease               how long a claim on a post survives without renewal (renewed while uploading)
 * @param sweepInterval       how often the retention sweep runs
 * @param concurrency         upload requests handled at once by this instance (each on its own consumer with
 *                            prefetch 1): a slow upload holds only its own, and the broker's round trip between
 *                            an ack and the next delivery overlaps across them; image conversions still run
 *                            one at a time
 */
@Validated
@ConfigurationProperties("storyline.upload")
public record UploadProperties(
        @NotBlank(message = "set MEDIA_ROOT to the media folder (the same one the scheduler indexes)")
        String mediaRoot,

        @NotBlank(message = "set CLOUD_STORAGE_PROVIDER to local, cloudinary or s3")
        @Pattern(regexp = "local|cloudinary|s3", message = "CLOUD_STORAGE_PROVIDER must be local, cloudinary or s3")
        String storageProvider,

        @Min(value = 1, message = "CLOUD_UPLOAD_RETENTION_HOURS must be at least 1")
        int retentionHours,

        @NotNull(message = "storyline.upload.reuse-margin is required")
        Duration reuseMargin,

        @DefaultValue("4")
        @Min(value = 1, message = "UPLOAD_RETRY_MAX_ATTEMPTS must be at least 1")
        @Max(value = 20, message = "UPLOAD_RETRY_MAX_ATTEMPTS must be at most 20")
        int retryMaxAttempts,

        @DefaultValue("2s") Duration retryInitialBackoff,
        @DefaultValue("60s") Duration lease,
        @DefaultValue("15m") Duration sweepInterval,

        @DefaultValue("4")
        @Min(value = 1, message = "UPLOAD_CONCURRENCY must be 1..32")
        @Max(value = 32, message = "UPLOAD_CONCURRENCY must be 1..32")
        int concurrency) {

    public static final String LOCAL = "local";
    public static final String S3 = "s3";
    public static final String CLOUDINARY = "cloudinary";

    public UploadProperties {
        if (mediaRoot != null && !mediaRoot.isBlank() && !Files.isDirectory(Path.of(mediaRoot))) {
            throw new IllegalArgumentException("MEDIA_ROOT=" + mediaRoot + " is not an existing directory");
        }
        requirePositive(retryInitialBackoff, "UPLOAD_RETRY_INITIAL_BACKOFF", "2s");
        requirePositive(lease, "UPLOAD_LEASE", "60s");
        requirePositive(sweepInterval, "CLOUD_UPLOAD_SWEEP_INTERVAL", "15m");
        if (lease.compareTo(Duration.ofSeconds(3)) < 0) {
            throw new IllegalArgumentException("UPLOAD_LEASE must be at least 3s (it is renewed every third of it)");
        }
    }

    public Path mediaRootPath() {
        return Path.of(mediaRoot).toAbsolutePath().normalize();
    }

    public Duration retention() {
        return Duration.ofHours(retentionHours);
    }

    private static void requirePositive(Duration value, String variable, String example) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(variable + " must be a positive duration, e.g. " + example);
        }
    }
}
