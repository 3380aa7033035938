package dev.storyline.upload.hosting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storyline.contracts.events.EventEnvelope;
import dev.storyline.contracts.events.EventPayload;
import dev.storyline.contracts.events.MediaHosted;
import dev.storyline.contracts.events.PostContent;
import dev.storyline.contracts.events.PostMethod;
import dev.storyline.contracts.events.PostPublished;
import dev.storyline.contracts.events.PostRequested;
import dev.storyline.contracts.events.Route;
import dev.storyline.contracts.json.EventCodec;
import dev.storyline.testkit.EventTap;
import dev.storyline.testkit.Eventually;
import dev.storyline.testkit.IsolatedInfrastructure;
import dev.storyline.upload.UploadTest;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;
import org.jclouds.blobstore.domain.Blob;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The worker with CLOUD_STORAGE_PROVIDER=s3 against S3Proxy running in-process on a transient blob
 * store (a real S3 server that checks SigV4 signatures), through AWS_S3_ENDPOINT and path-style.
 */
@UploadTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class S3HostingTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String BUCKET = "storyline-media";
    private static final String ACCESS_KEY = "storyline-access";
    private static final String SECRET_KEY = "storyline-secret-key-0123456789";
    private static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final Path MEDIA_ROOT;
    private static final BlobStoreContext BLOBS;
    private static final S3Proxy S3;

    static {
        try {
            MEDIA_ROOT = Files.createTempDirectory("storyline-s3-media");
            BLOBS = ContextBuilder.newBuilder("transient")
                    .credentials("identity", "credential")
                    .build(BlobStoreContext.class);
            BLOBS.getBlobStore().createContainerInLocation(null, BUCKET);
            S3 = S3Proxy.builder()
                    .blobStore(BLOBS.getBlobStore())
                    .endpoint(URI.create("http://127.0.0.1:0"))
                    .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                    .build();
            S3.start();
            while (!"STARTED".equals(S3.getState())) {
                Thread.sleep(10);
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not start S3Proxy", e);
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("MEDIA_ROOT", MEDIA_ROOT::toString);
        registry.add("CLOUD_STORAGE_PROVIDER", () -> "s3");
        registry.add("AWS_S3_BUCKET", () -> BUCKET);
        registry.add("AWS_S3_ENDPOINT", () -> "http://127.0.0.1:" + S3.getPort());
        registry.add("AWS_REGION", () -> "us-east-1");
        registry.add("AWS_ACCESS_KEY_ID", () -> ACCESS_KEY);
        registry.add("AWS_SECRET_ACCESS_KEY", () -> SECRET_KEY);
        registry.add("AWS_S3_URL_TTL", () -> "6h");
        registry.add("UPLOAD_RETRY_INITIAL_BACKOFF", () -> "50ms");
    }

    @AfterAll
    static void close() throws Exception {
        S3.stop();
        BLOBS.close();
    }

    @Autowired
    EventCodec codec;

    @Autowired
    JdbcClient jdbc;

    @Test
    void uploads_to_the_bucket_and_announces_a_presigned_url_that_serves_the_file() throws Exception {
        Path file = bytes("videos/clip.mp4", 3_000_000);
        EventEnvelope<PostRequested> request = requestFor(file, "video/mp4");

        publish(request);
        MediaHosted hosted = awaitHosted(request);

        BlobStore store = BLOBS.getBlobStore();
        Blob blob = store.getBlob(BUCKET, hosted.publicId());
        assertThat(blob).as("object " + hosted.publicId() + " in the bucket").isNotNull();
        assertThat(blob.getMetadata().getContentMetadata().getContentType()).isEqualTo("video/mp4");
        assertThat(blob.getMetadata().getContentMetadata().getContentLength()).isEqualTo(Files.size(file));
        assertThat(hosted.publicId())
                .startsWith("stories/" + request.postId() + "/")
                .endsWith(".mp4");
        assertThat(hosted.provider()).isEqualTo("s3");
        // path-style against the custom endpoint, signed with an expiry
        assertThat(hosted.url())
                .startsWith("http://127.0.0.1:" + S3.getPort() + "/" + BUCKET + "/stories/")
                .contains("X-Amz-Expires=21600")
                .contains("X-Amz-Signature=");
        assertThat(hosted.expiresAt())
                .isBetween(
                        Instant.now().plus(Duration.ofHours(5)), Instant.now().plus(Duration.ofHours(7)));

        HttpResponse<byte[]> get = HTTP.send(
                HttpRequest.newBuilder(URI.create(hosted.url())).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(get.statusCode()).isEqualTo(200);
        assertThat(get.body()).isEqualTo(Files.readAllBytes(file));
        // the signature covers the key: another key under the same signature is refused
        String tampered = hosted.url().replace(hosted.publicId(), hosted.publicId() + "x");
        assertThat(HTTP.send(
                                HttpRequest.newBuilder(URI.create(tampered)).build(),
                                HttpResponse.BodyHandlers.discarding())
                        .statusCode())
                .isEqualTo(403);
    }

    @Test
    void uploads_a_png_as_a_story_ready_jpeg() throws Exception {
        Path file = CloudinaryHostingTestImages.png(MEDIA_ROOT.resolve("memes/wide.png"), 1600, 400);
        EventEnvelope<PostRequested> request = requestFor(file, "image/png");

        publish(request);
        MediaHosted hosted = awaitHosted(request);

        Blob blob = BLOBS.getBlobStore().getBlob(BUCKET, hosted.publicId());
        assertThat(blob.getMetadata().getContentMetadata().getContentType()).isEqualTo("image/jpeg");
        try (InputStream in = blob.getPayload().openStream()) {
            BufferedImage story = ImageIO.read(new ByteArrayInputStream(in.readAllBytes()));
            assertThat(story.getWidth()).isEqualTo(1080);
            assertThat(story.getHeight()).isEqualTo(1920);
        }
        assertThat(hosted.publicId()).endsWith(".jpg");
    }

    @Test
    void deletes_the_object_when_the_post_is_published() throws Exception {
        EventEnvelope<PostRequested> request = requestFor(bytes("videos/published.mp4", 10_000), "video/mp4");
        publish(request);
        MediaHosted hosted = awaitHosted(request);
        assertThat(BLOBS.getBlobStore().blobExists(BUCKET, hosted.publicId())).isTrue();

        publish(request.followedBy(
                new PostPublished("story-9", "container-9", PostMethod.INSTAGRAM_API, Instant.now(), false)));

        Eventually.await(WAIT, "the object deleted", () -> !BLOBS.getBlobStore().blobExists(BUCKET, hosted.publicId()));
        Eventually.await(
                WAIT,
                "the row marked deleted",
                () -> jdbc.sql("select deleted_at is not null from uploads where post_id = :p")
                        .param("p", request.postId())
                        .query(Boolean.class)
                        .single());
    }

    private MediaHosted awaitHosted(EventEnvelope<PostRequested> request) {
        String body = Eventually.await(
                        WAIT,
                        "MediaHosted for post " + request.postId(),
                        () -> jdbc.sql("select body from outbox where post_id = :p and event_type = 'MediaHosted'")
                                .param("p", request.postId())
                                .query(String.class)
                                .optional(),
                        Optional::isPresent)
                .orElseThrow();
        EventEnvelope<EventPayload> event = codec.read(body.getBytes(StandardCharsets.UTF_8));
        return (MediaHosted) event.payload();
    }

    private void publish(EventEnvelope<?> event) {
        try (EventTap tap = EventTap.on(IsolatedInfrastructure.forClass(S3HostingTest.class))) {
            tap.publish(event);
        }
    }

    private static Path bytes(String relative, int size) throws IOException {
        Path file = MEDIA_ROOT.resolve(relative);
        Files.createDirectories(file.getParent());
        byte[] bytes = new byte[size];
        new Random(relative.hashCode()).nextBytes(bytes);
        Files.write(file, bytes);
        return file;
    }

    private static EventEnvelope<PostRequested> requestFor(Path file, String mimeType) throws IOException {
        String relative = MEDIA_ROOT.relativize(file).toString().replace('\\', '/');
        PostContent content = new PostContent(
                UUID.randomUUID(),
                relative,
                mimeType,
                relative.split("/")[0],
                "ab".repeat(32),
                Files.size(file),
                "Title",
                "a caption",
                null,
                List.of("tag"),
                false);
        return EventEnvelope.forPost(
                "default",
                UUID.randomUUID(),
                new PostRequested(content, Route.AUTO, "api_enabled", "17841400000", Instant.now(), false));
    }
}
