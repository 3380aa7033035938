package dev.storyline.upload.hosting.s3;

import jakarta.validation.constraints.NotBlank;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param bucket          where copies are put (AWS_S3_BUCKET)
 * @param region          AWS_S3_REGION (or AWS_REGION)
 * @param endpoint        AWS_S3_ENDPOINT for S3-compatible servers (MinIO, R2, …); empty for AWS
 * @param pathStyle       AWS_S3_PATH_STYLE; empty means "path-style exactly when an endpoint is set"
 * @param accessKeyId     AWS_ACCESS_KEY_ID; empty means the SDK's default credential chain
 * @param secretAccessKey AWS_SECRET_ACCESS_KEY; never printed
 * @param urlTtl          how long the presigned GET URL works (AWS_S3_URL_TTL, at most 7 days)
 * @param keyPrefix       object keys start with this (AWS_S3_KEY_PREFIX)
 */
@Validated
@ConditionalOnProperty(prefix = "storyline.upload", name = "storage-provider", havingValue = "s3")
@ConfigurationProperties("storyline.upload.s3")
public record S3StorageProperties(
        @NotBlank(message = "set AWS_S3_BUCKET to the bucket media is hosted in")
        String bucket,

        @DefaultValue("us-east-1") String region,
        String endpoint,
        Boolean pathStyle,
        String accessKeyId,
        String secretAccessKey,
        @DefaultValue("24h") Duration urlTtl,
        @DefaultValue("stories/") String keyPrefix) {

    /** The longest a SigV4 presigned URL can be valid. */
    public static final Duration MAX_URL_TTL = Duration.ofDays(7);

    public S3StorageProperties {
        if (urlTtl == null || urlTtl.isNegative() || urlTtl.isZero() || urlTtl.compareTo(MAX_URL_TTL) > 0) {
            throw new IllegalArgumentException("AWS_S3_URL_TTL must be positive and at most 7d (SigV4 presigned URLs"
                    + " expire after 7 days at most), got " + urlTtl);
        }
        endpoint = endpoint == null || endpoint.isBlank() ? null : endpoint.strip();
        if (endpoint != null) {
            URI uri = URI.create(endpoint);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
                throw new IllegalArgumentException("AWS_S3_ENDPOINT=" + endpoint + " is not an http(s) URL");
            }
        }
        boolean hasKey = accessKeyId != null && !accessKeyId.isBlank();
        boolean hasSecret = secretAccessKey != null && !secretAccessKey.isBlank();
        if (hasKey != hasSecret) {
            throw new IllegalArgumentException("set both AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or neither");
        }
        keyPrefix = keyPrefix == null ? "" : keyPrefix;
    }

    public boolean effectivePathStyle() {
        return pathStyle != null ? pathStyle : endpoint != null;
    }

    public boolean hasStaticCredentials() {
        return accessKeyId != null && !accessKeyId.isBlank();
    }

    @Override
    public String toString() {
        return "S3StorageProperties[bucket=" + bucket + ", region=" + region + ", endpoint=" + endpoint
                + ", pathStyle=" + effectivePathStyle() + ", accessKeyId=" + accessKeyId
                + ", secretAccessKey=(hidden), urlTtl=" + urlTtl + ", keyPrefix=" + keyPrefix + "]";
    }
}
