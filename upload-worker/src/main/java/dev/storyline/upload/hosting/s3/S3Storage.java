package dev.storyline.upload.hosting.s3;

import dev.storyline.upload.UploadProperties;
import dev.storyline.upload.hosting.CloudStorage;
import dev.storyline.upload.hosting.HostedMedia;
import dev.storyline.upload.hosting.HostedNames;
import dev.storyline.upload.hosting.HostingException;
import dev.storyline.upload.hosting.StoryMedia;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Hosting in an S3 bucket (AWS or S3-compatible with AWS_S3_ENDPOINT and path-style addressing):
 * the file is streamed from disk with its length known up front, so memory does not grow with its
 * size; the Graph API fetches it through a presigned GET URL. Retries are ours (resilience4j), so
 * the SDK's own are turned off.
 */
@Component
@ConditionalOnProperty(prefix = "storyline.upload", name = "storage-provider", havingValue = "s3")
class S3Storage implements CloudStorage, DisposableBean {

    static final String PROVIDER = UploadProperties.S3;

    private final S3Client s3;
    private final S3Presigner presigner;
    private final S3StorageProperties properties;
    private final Clock clock;

    S3Storage(S3StorageProperties properties, UploadProperties upload, Clock clock) {
        if (properties.urlTtl().compareTo(upload.reuseMargin()) <= 0) {
            throw new IllegalArgumentException("AWS_S3_URL_TTL (" + properties.urlTtl()
                    + ") must be longer than the reuse margin (" + upload.reuseMargin() + ")");
        }
        this.properties = properties;
        this.clock = clock;
        AwsCredentialsProvider credentials = properties.hasStaticCredentials()
                ? StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(properties.accessKeyId(), properties.secretAccessKey()))
                : DefaultCredentialsProvider.builder().build();
        Region region = Region.of(properties.region());
        S3Configuration serviceConfiguration = S3Configuration.builder()
                .pathStyleAccessEnabled(properties.effectivePathStyle())
                .build();
        var client = S3Client.builder()
                .region(region)
                .credentialsProvider(credentials)
                .serviceConfiguration(serviceConfiguration)
                // S3-compatible servers differ in their support of the newer default checksums
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClient(Apache5HttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(10))
                        .socketTimeout(Duration.ofSeconds(60))
                        .build())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()));
        var presign = S3Presigner.builder()
                .region(region)
                .credentialsProvider(credentials)
                .serviceConfiguration(serviceConfiguration);
        if (properties.endpoint() != null) {
            client.endpointOverride(URI.create(properties.endpoint()));
            presign.endpointOverride(URI.create(properties.endpoint()));
        }
        this.s3 = client.build();
        this.presigner = presign.build();
    }

    @Override
    public String objectId(UUID postId, UUID claimId, StoryMedia media) {
        return HostedNames.s3Key(properties.keyPrefix(), postId, claimId, media.extension());
    }

    /** A retry of the same claim writes the same key again (a PUT replaces it), never a second object. */
    @Override
    public HostedMedia upload(String accountId, UUID postId, String objectId, StoryMedia media) {
        String key = objectId;
        try {
            s3.putObject(
                    PutObjectRequest.builder()
                            .bucket(properties.bucket())
                            .key(key)
                            .contentType(media.contentType())
                            .contentLength(media.sizeBytes())
                            .build(),
                    RequestBody.fromFile(media.file()));
            Instant expiresAt = clock.instant().plus(properties.urlTtl()).truncatedTo(ChronoUnit.SECONDS);
            String url = presigner
                    .presignGetObject(r -> r.signatureDuration(properties.urlTtl())
                            .getObjectRequest(g -> g.bucket(properties.bucket()).key(key)))
                    .url()
                    .toString();
            return new HostedMedia(url, PROVIDER, key, expiresAt);
        } catch (SdkException e) {
            throw classify("uploading " + key + " to bucket " + properties.bucket(), e);
        }
    }

    @Override
    public void delete(String publicId, String mimeType) {
        try {
            s3.deleteObject(r -> r.bucket(properties.bucket()).key(publicId));
        } catch (SdkServiceException e) {
            if (e.statusCode() != 404) {
                throw classify("deleting " + publicId + " from bucket " + properties.bucket(), e);
            }
        } catch (SdkException e) {
            throw classify("deleting " + publicId + " from bucket " + properties.bucket(), e);
        }
    }

    static HostingException classify(String what, SdkException e) {
        if (e instanceof SdkServiceException service) {
            return HostingException.forStatus(
                    service.statusCode(), what + ": S3 answered " + service.statusCode() + " " + e.getMessage(), e);
        }
        if (e instanceof SdkClientException) {
            // connection refused or reset, timeouts, truncated responses
            return HostingException.transientFailure(what + ": " + e.getMessage(), e);
        }
        return HostingException.permanent(what + ": " + e.getMessage(), e);
    }

    @Override
    public void destroy() {
        presigner.close();
        s3.close();
    }
}
