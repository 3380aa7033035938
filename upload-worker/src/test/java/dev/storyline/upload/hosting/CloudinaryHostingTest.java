package dev.storyline.upload.hosting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storyline.contracts.events.EventEnvelope;
import dev.storyline.contracts.events.EventPayload;
import dev.storyline.contracts.events.FallbackReason;
import dev.storyline.contracts.events.FallbackRequested;
import dev.storyline.contracts.events.ManualAction;
import dev.storyline.contracts.events.ManualPostResolved;
import dev.storyline.contracts.events.MediaHosted;
import dev.storyline.contracts.events.PostContent;
import dev.storyline.contracts.events.PostFailed;
import dev.storyline.contracts.events.PostMethod;
import dev.storyline.contracts.events.PostPublished;
import dev.storyline.contracts.events.PostRequested;
import dev.storyline.contracts.events.Route;
import dev.storyline.contracts.json.EventCodec;
import dev.storyline.testkit.EventTap;
import dev.storyline.testkit.Eventually;
import dev.storyline.testkit.IsolatedInfrastructure;
import dev.storyline.testkit.fakes.FakeCloudinary;
import dev.storyline.upload.UploadTest;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The worker with CLOUD_STORAGE_PROVIDER=cloudinary against a wire-level fake of the Cloudinary upload
 * API, on real PostgreSQL and RabbitMQ: hosting, Story-ready conversion, retries, fallback, exactly
 * one upload per post under concurrent deliveries, and cleanup.
 */
@UploadTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class CloudinaryHostingTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String CLOUD = "storyline-test";
    private static final Path MEDIA_ROOT;
    private static final FakeCloudinary CLOUDINARY;

    static {
        try {
            MEDIA_ROOT = Files.createTempDirectory("storyline-cloudinary-media");
            CLOUDINARY = new FakeCloudinary(CLOUD);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("MEDIA_ROOT", MEDIA_ROOT::toString);
        registry.add("CLOUD_STORAGE_PROVIDER", () -> "cloudinary");
        registry.add("CLOUDINARY_CLOUD_NAME", () -> CLOUD);
        registry.add("CLOUDINARY_API_KEY", () -> "123456789012345");
        registry.add("CLOUDINARY_API_SECRET", () -> "cloudinary-test-secret");
        registry.add("CLOUDINARY_UPLOAD_PREFIX", CLOUDINARY::uploadPrefix);
        registry.add("CLOUDINARY_TIMEOUT", () -> "10s");
        registry.add("UPLOAD_RETRY_MAX_ATTEMPTS", () -> "3");
        registry.add("UPLOAD_RETRY_INITIAL_BACKOFF", () -> "50ms");
        registry.add("UPLOAD_LEASE", () -> "6s");
        registry.add("UPLOAD_CONCURRENCY", () -> "4");
        registry.add("CLOUD_UPLOAD_SWEEP_INTERVAL", () -> "300ms");
        registry.add("storyline.consumer.initial-backoff", () -> "200ms");
    }

    @AfterAll
    static void close() {
        CLOUDINARY.close();
    }

    @Autowired
    EventCodec codec;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    io.micrometer.core.instrument.MeterRegistry meters;

    @BeforeEach
    void resetFake() {
        CLOUDINARY.reset();
    }

    @Test
    void hosts_a_story_ready_jpeg_unchanged_with_a_signed_upload_and_announces_its_secure_url() throws IOException {
        Path file = image("ready/story.jpg", 1080, 1920, "jpg");
        EventEnvelope<PostRequested> request = requestFor(file, "image/jpeg");

        publish(request);
        MediaHosted hosted = awaitOutcome(request, MediaHosted.class);

        FakeCloudinary.UploadCall call = CLOUDINARY.uploadsFor(request.postId()).getFirst();
        assertThat(CLOUDINARY.uploadsFor(request.postId())).hasSize(1);
        assertThat(call.signed()).isTrue();
        assertThat(call.resourceType()).isEqualTo("image");
        assertThat(call.file()).isEqualTo(Files.readAllBytes(file));
        assertThat(hosted.provider()).isEqualTo("cloudinary");
        assertThat(hosted.publicId()).isEqualTo(call.publicId()).startsWith("storyline/" + request.postId());
        assertThat(hosted.url())
                .isEqualTo("https://res.cloudinary.test/" + CLOUD + "/image/upload/v1/" + call.publicId() + ".jpg");
        assertThat(row(request.postId()))
                .containsEntry("status", "HOSTED")
                .containsEntry("public_id", call.publicId())
                .containsEntry("url", hosted.url());
    }

    @Test
    void converts_a_png_to_a_1080_by_1920_jpeg_before_uploading_it() throws IOException {
        EventEnvelope<PostRequested> request = requestFor(image("memes/square.png", 600, 600, "png"), "image/png");

        publish(request);
        awaitOutcome(request, MediaHosted.class);

        byte[] uploaded = CLOUDINARY.uploadsFor(request.postId()).getFirst().file();
        assertStoryJpeg(uploaded);
    }

    @Test
    void shrinks_and_letterboxes_an_oversized_image_to_1080_by_1920() throws IOException {
        EventEnvelope<PostRequested> request = requestFor(image("memes/huge.jpg", 4000, 3000, "jpg"), "image/jpeg");

        publish(request);
        awaitOutcome(request, MediaHosted.class);

        byte[] uploaded = CLOUDINARY.uploadsFor(request.postId()).getFirst().file();
        assertStoryJpeg(uploaded);
        BufferedImage story = ImageIO.read(new ByteArrayInputStream(uploaded));
        // 4000×3000 fits as 1080×810 in the middle: black bars above and below, picture in the centre
        assertThat(new Color(story.getRGB(540, 100)).getRed()).isLessThan(16);
        assertThat(new Color(story.getRGB(540, 960)).getRed()).isGreaterThan(200);
    }

    @Test
    void passes_a_video_through_as_a_video_resource() throws IOException {
        Path file = bytes("videos/clip.mp4", 300_000);
        EventEnvelope<PostRequested> request = requestFor(file, "video/mp4");

        publish(request);
        MediaHosted hosted = awaitOutcome(request, MediaHosted.class);

        FakeCloudinary.UploadCall call = CLOUDINARY.uploadsFor(request.postId()).getFirst();
        assertThat(call.resourceType()).isEqualTo("video");
        assertThat(call.file()).isEqualTo(Files.readAllBytes(file));
        assertThat(hosted.url()).contains("/video/upload/");
    }

    @Test
    void retries_transient_5xx_errors_with_backoff_and_then_hosts() throws IOException {
        CLOUDINARY.failNextUploads(2, 500, "{\"error\":{\"message\":\"Internal error\"}}");
        EventEnvelope<PostRequested> request = requestFor(image("memes/flaky.jpg", 1080, 1920, "jpg"), "image/jpeg");

        publish(request);
        awaitOutcome(request, MediaHosted.class);

        assertThat(CLOUDINARY.uploadsFor(request.postId()))
                .extracting(FakeCloudinary.UploadCall::status)
                .containsExactly(500, 500, 200);
        assertThat(count(
                        "select count(*) from outbox where post_id = :p and event_type = 'FallbackRequested'",
                        request.postId()))
                .isZero();
    }

    @Test
    void falls_back_to_telegram_after_the_retries_run_out() throws IOException {
        // 502, not 503: Apache HttpClient 5 (inside cloudinary-http5) itself re-sends a 503 or 429 once
        CLOUDINARY.failNextUploads(3, 502, "<html>Bad Gateway</html>");
        EventEnvelope<PostRequested> request = requestFor(image("memes/down.jpg", 1080, 1920, "jpg"), "image/jpeg");
        io.micrometer.core.instrument.Timer failedUploads = meters.get("storyline_upload_duration_seconds")
                .tags("provider", "cloudinary", "outcome", "failed")
                .timer();
        long failedBefore = failedUploads.count();

        publish(request);
        FallbackRequested fallback = awaitOutcome(request, FallbackRequested.class);
        assertThat(failedUploads.count())
                .as("the failed upload is timed, its retries included")
                .isEqualTo(failedBefore + 1);

        assertThat(CLOUDINARY.uploadsFor(request.postId())).hasSize(3);
        assertThat(fallback.reasonCode()).isEqualTo(FallbackReason.UPLOAD_FAILED);
        assertThat(fallback.message()).contains("failed 3 times").contains("502");
        assertThat(row(request.postId())).containsEntry("status", "FAILED");
        assertThat(count(
                        "select count(*) from outbox where post_id = :p and event_type = 'MediaHosted'",
                        request.postId()))
                .isZero();
    }

    @Test
    void falls_back_to_telegram_at_once_when_cloudinary_rejects_the_credentials() throws IOException {
        CLOUDINARY.failNextUploads(1, 401, "{\"error\":{\"message\":\"Invalid Signature\"}}");
        EventEnvelope<PostRequested> request = requestFor(image("memes/unsigned.jpg", 1080, 1920, "jpg"), "image/jpeg");

        publish(request);
        FallbackRequested fallback = awaitOutcome(request, FallbackRequested.class);

        assertThat(CLOUDINARY.uploadsFor(request.postId())).hasSize(1);
        assertThat(fallback.message()).contains("401").contains("Invalid Signature");
        assertThat(row(request.postId())).containsEntry("status", "FAILED");
    }

    @Test
    void falls_back_to_telegram_when_the_image_cannot_be_read() throws IOException {
        EventEnvelope<PostRequested> request = requestFor(bytes("memes/garbage.png", 2000), "image/png");

        publish(request);
        FallbackRequested fallback = awaitOutcome(request, FallbackRequested.class);

        assertThat(fallback.message()).contains("garbage.png");
        assertThat(CLOUDINARY.uploadsFor(request.postId())).isEmpty();
    }

    @Test
    void does_not_host_again_a_post_that_already_fell_back() throws IOException {
        CLOUDINARY.failNextUploads(1, 400, "{\"error\":{\"message\":\"Invalid image file\"}}");
        EventEnvelope<PostRequested> request = requestFor(image("memes/once.jpg", 1080, 1920, "jpg"), "image/jpeg");
        publish(request);
        awaitOutcome(request, FallbackRequested.class);

        EventEnvelope<PostRequested> again = sameRequestNewEvent(request);
        publish(again);
        awaitProcessed(again);

        assertThat(CLOUDINARY.uploadsFor(request.postId())).hasSize(1);
        assertThat(count("select count(*) from outbox where post_id = :p", request.postId()))
                .isEqualTo(1);
    }

    @Test
    void two_concurrent_deliveries_of_one_post_upload_it_once() throws IOException {
        CLOUDINARY.slowUploads(Duration.ofMillis(1500));
        EventEnvelope<PostRequested> request =
                requestFor(image("memes/contested.jpg", 1080, 1920, "jpg"), "image/jpeg");
        EventEnvelope<PostRequested> duplicate = sameRequestNewEvent(request);

        // UPLOAD_CONCURRENCY=4 with prefetch 1: two consumers take one each, as two instances would
        publish(request);
        publish(duplicate);
        awaitProcessed(request);
        awaitProcessed(duplicate);

        assertThat(CLOUDINARY.uploadsFor(request.postId())).hasSize(1);
        assertThat(count(
                        "select count(*) from outbox where post_id = :p and event_type = 'MediaHosted'",
                        request.postId()))
                .isEqualTo(1);
        assertThat(count("select count(*) from outbox where post_id = :p", request.postId()))
                .isEqualTo(1);
        assertThat(row(request.postId())).containsEntry("status", "HOSTED");
    }

    @Test
    void takes_over_a_claim_whose_lease_ran_out() throws IOException {
        EventEnvelope<PostRequested> request = requestFor(image("memes/orphan.jpg", 1080, 1920, "jpg"), "image/jpeg");
        // an instance claimed the post and died without renewing its lease
        jdbc.sql("""
                        insert into uploads (post_id, account_id, status, media_path, mime_type, claim_id, claimed_until)
                        values (:p, 'default', 'UPLOADING', 'memes/orphan.jpg', 'image/jpeg', gen_random_uuid(),
                                now() + interval '1 second')
                        """).param("p", request.postId()).update();

        publish(request);
        awaitOutcome(request, MediaHosted.class);

        assertThat(CLOUDINARY.uploadsFor(request.postId())).hasSize(1);
    }

    @Test
    void a_delivery_that_gave_up_waiting_for_a_live_claim_hosts_the_post_once_that_holder_dies() throws Exception {
        EventEnvelope<PostRequested> request = requestFor(image("memes/stranded.jpg", 1080, 1920, "jpg"), "image/jpeg");
        UUID holder = UUID.randomUUID();
        jdbc.sql("""
                        insert into uploads (post_id, account_id, status, media_path, mime_type, claim_id, claimed_until)
                        values (:p, 'default', 'UPLOADING', 'memes/stranded.jpg', 'image/jpeg', :c, now() + interval '6 seconds')
                        """).param("p", request.postId()).param("c", holder).update();
        // another instance holds the post and keeps renewing its 6 s lease past the 12 s this delivery waits, then dies
        Thread renewing = Thread.ofVirtual().start(() -> {
            long until = System.nanoTime() + Duration.ofSeconds(14).toNanos();
            while (System.nanoTime() < until) {
                jdbc.sql(
                                "update uploads set claimed_until = now() + interval '6 seconds' where post_id = :p and claim_id = :c")
                        .param("p", request.postId())
                        .param("c", holder)
                        .update();
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });

        publish(request);
        String body = Eventually.await(
                        Duration.ofSeconds(60),
                        "MediaHosted for post " + request.postId(),
                        () -> jdbc.sql("select body from outbox where post_id = :p and event_type = 'MediaHosted'")
                                .param("p", request.postId())
                                .query(String.class)
                                .optional(),
                        Optional::isPresent)
                .orElseThrow();
        renewing.join();

        assertThat(body).contains(request.postId().toString());
        assertThat(CLOUDINARY.uploadsFor(request.postId())).hasSize(1);
        assertThat(row(request.postId())).containsEntry("status", "HOSTED");
    }

    @Test
    void an_upload_retried_after_a_lost_answer_writes_the_same_object_so_no_untracked_copy_is_left()
            throws IOException {
        // the first answer is lost (as after a timeout): Cloudinary may hold that upload all the same
        CLOUDINARY.failNextUploads(1, 502, "<html>Bad Gateway</html>");
        EventEnvelope<PostRequested> request =
                requestFor(image("memes/lost-answer.jpg", 1080, 1920, "jpg"), "image/jpeg");

        publish(request);
        MediaHosted hosted = awaitOutcome(request, MediaHosted.class);

        assertThat(CLOUDINARY.uploadsFor(request.postId()))
                .hasSize(2)
                .extracting(FakeCloudinary.UploadCall::publicId)
                .containsOnly(hosted.publicId());
    }

    @Test
    void sweeps_the_object_a_dead_claim_uploaded_but_never_recorded_as_the_posts_copy() throws IOException {
        EventEnvelope<PostRequested> request =
                requestFor(image("memes/dead-claim.jpg", 1080, 1920, "jpg"), "image/jpeg");
        UUID dead = UUID.randomUUID();
        String orphan = "storyline/" + request.postId() + "-" + dead;
        // an instance recorded its object, uploaded it, and died before recording the copy
        jdbc.sql("""
                        insert into uploads (post_id, account_id, status, media_path, mime_type, claim_id, claimed_until)
                        values (:p, 'default', 'UPLOADING', 'memes/dead-claim.jpg', 'image/jpeg', :c, now() + interval '1 second')
                        """).param("p", request.postId()).param("c", dead).update();
        jdbc.sql("""
                        insert into upload_objects (public_id, provider, post_id, claim_id, mime_type)
                        values (:o, 'cloudinary', :p, :c, 'image/jpeg')
                        """)
                .param("o", orphan)
                .param("p", request.postId())
                .param("c", dead)
                .update();

        publish(request);
        MediaHosted hosted = awaitOutcome(request, MediaHosted.class);

        Eventually.await(
                WAIT,
                "the dead claim's object deleted",
                () -> CLOUDINARY.destroys().contains(new FakeCloudinary.DestroyCall("image", orphan)));
        assertThat(CLOUDINARY.destroys()).doesNotContain(new FakeCloudinary.DestroyCall("image", hosted.publicId()));
        assertThat(row(request.postId())).containsEntry("status", "HOSTED").containsEntry("deleted_at", null);
    }

    @Test
    void deletes_the_hosted_copy_when_the_post_is_published_resolved_or_failed() throws IOException {
        List<EventPayload> outcomes = List.of(
                new PostPublished("story-1", "container-1", PostMethod.INSTAGRAM_API, Instant.now(), false),
                new ManualPostResolved(ManualAction.POSTED, 42L, "admin", Instant.now()),
                new PostFailed("telegram", "refused"));
        for (EventPayload outcome : outcomes) {
            EventEnvelope<PostRequested> request =
                    requestFor(bytes("videos/done-" + outcome.routingKey() + ".mp4", 1000), "video/mp4");
            publish(request);
            MediaHosted hosted = awaitOutcome(request, MediaHosted.class);

            publish(request.followedBy(outcome));

            Eventually.await(
                    WAIT,
                    "the copy of post " + request.postId() + " deleted after " + outcome.routingKey(),
                    () -> row(request.postId()).get("deleted_at") != null);
            assertThat(CLOUDINARY.destroys()).contains(new FakeCloudinary.DestroyCall("video", hosted.publicId()));
        }
    }

    @Test
    void sweeps_copies_older_than_the_retention() throws IOException {
        EventEnvelope<PostRequested> old = requestFor(image("memes/old.jpg", 1080, 1920, "jpg"), "image/jpeg");
        EventEnvelope<PostRequested> fresh = requestFor(image("memes/fresh.jpg", 1080, 1920, "jpg"), "image/jpeg");
        publish(old);
        publish(fresh);
        MediaHosted oldCopy = awaitOutcome(old, MediaHosted.class);
        MediaHosted freshCopy = awaitOutcome(fresh, MediaHosted.class);

        jdbc.sql("update uploads set created_at = now() - interval '25 hours' where post_id = :p")
                .param("p", old.postId())
                .update();

        Eventually.await(WAIT, "the old copy swept", () -> row(old.postId()).get("deleted_at") != null);
        assertThat(CLOUDINARY.destroys())
                .contains(new FakeCloudinary.DestroyCall("image", oldCopy.publicId()))
                .doesNotContain(new FakeCloudinary.DestroyCall("image", freshCopy.publicId()));
        assertThat(row(fresh.postId()).get("deleted_at")).isNull();
    }

    // ---------------------------------------------------------------------------------------------

    private static void assertStoryJpeg(byte[] uploaded) throws IOException {
        assertThat(uploaded).startsWith((byte) 0xFF, (byte) 0xD8); // JPEG SOI
        BufferedImage story = ImageIO.read(new ByteArrayInputStream(uploaded));
        assertThat(story.getWidth()).isEqualTo(1080);
        assertThat(story.getHeight()).isEqualTo(1920);
    }

    @SuppressWarnings("unchecked")
    private <P extends EventPayload> P awaitOutcome(EventEnvelope<PostRequested> request, Class<P> type) {
        String body = Eventually.await(
                        WAIT,
                        type.getSimpleName() + " for post " + request.postId(),
                        () -> jdbc.sql("select body from outbox where post_id = :p and event_type = :t")
                                .param("p", request.postId())
                                .param("t", type.getSimpleName())
                                .query(String.class)
                                .optional(),
                        Optional::isPresent)
                .orElseThrow();
        EventEnvelope<EventPayload> event = codec.read(body.getBytes(StandardCharsets.UTF_8));
        assertThat(event.correlationId()).isEqualTo(request.correlationId());
        return (P) event.payload();
    }

    private void awaitProcessed(EventEnvelope<?> event) {
        Eventually.await(
                WAIT,
                "event " + event.eventId() + " processed",
                () -> jdbc.sql("select count(*) from inbox where event_id = :e")
                                .param("e", event.eventId())
                                .query(Integer.class)
                                .single()
                        == 1);
    }

    private Map<String, Object> row(UUID postId) {
        return jdbc.sql("select * from uploads where post_id = :p")
                .param("p", postId)
                .query()
                .singleRow();
    }

    private int count(String sql, UUID postId) {
        return jdbc.sql(sql).param("p", postId).query(Integer.class).single();
    }

    private void publish(EventEnvelope<?> event) {
        try (EventTap tap = EventTap.on(IsolatedInfrastructure.forClass(CloudinaryHostingTest.class))) {
            tap.publish(event);
        }
    }

    private static EventEnvelope<PostRequested> sameRequestNewEvent(EventEnvelope<PostRequested> request) {
        return new EventEnvelope<>(
                UUID.randomUUID(),
                request.type(),
                request.schemaVersion(),
                Instant.now(),
                request.accountId(),
                request.postId(),
                request.correlationId(),
                request.payload());
    }

    static Path image(String relative, int width, int height, String format) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.RED);
        g.fillRect(width / 4, height / 4, width / 2, height / 2);
        g.dispose();
        Path file = MEDIA_ROOT.resolve(relative);
        Files.createDirectories(file.getParent());
        ImageIO.write(image, format, file.toFile());
        return file;
    }

    static Path bytes(String relative, int size) throws IOException {
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
