package dev.storyline.upload;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

/**
 * @param mediaRoot       the folder {@code PostContent.mediaPath} is relative to (the scheduler's MEDIA_ROOT)
 * @param storageProvider where media is hosted for the Graph API
 * @param retentionHours  uploads older than this are swept (the sweep comes with issue 4)
 * @param reuseMargin     a live upload is reused only if it stays reachable at least this much longer
 */
@Validated
@ConfigurationProperties("storyline.upload")
public record UploadProperties(
        @NotBlank(message = "set MEDIA_ROOT to the media folder (the same one the scheduler indexes)") String mediaRoot,
        @NotBlank(message = "set CLOUD_STORAGE_PROVIDER to local, cloudinary or s3")
        @Pattern(regexp = "local|cloudinary|s3", message = "CLOUD_STORAGE_PROVIDER must be local, cloudinary or s3")
        String storageProvider,
        @Min(value = 1, message = "CLOUD_UPLOAD_RETENTION_HOURS must be at least 1") int retentionHours,
        @NotNull(message = "storyline.upload.reuse-margin is required") Duration reuseMargin) {

    public static final String LOCAL = "local";

    /** Known providers whose implementation has not been written yet; refused rather than silently idle. */
    private static final Set<String> NOT_IMPLEMENTED = Set.of("cloudinary", "s3");

    public UploadProperties {
        if (mediaRoot != null && !mediaRoot.isBlank() && !Files.isDirectory(Path.of(mediaRoot))) {
            throw new IllegalArgumentException("MEDIA_ROOT=" + mediaRoot + " is not an existing directory");
        }
        if (NOT_IMPLEMENTED.contains(storageProvider)) {
            throw new IllegalArgumentException("CLOUD_STORAGE_PROVIDER=" + storageProvider
                    + " is not implemented yet; only local is (set CLOUD_STORAGE_PROVIDER=local)");
        }
    }

    public Path mediaRootPath() {
        return Path.of(mediaRoot).toAbsolutePath().normalize();
    }
}
