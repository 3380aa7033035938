package dev.storyline.upload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storyline.contracts.events.EventEnvelope;
import dev.storyline.contracts.events.EventPayload;
import dev.storyline.contracts.events.FallbackReason;
import dev.storyline.contracts.events.FallbackRequested;
import dev.storyline.contracts.events.MediaHosted;
import dev.storyline.contracts.events.PostContent;
import dev.storyline.contracts.events.PostRequested;
import dev.storyline.contracts.events.Route;
import dev.storyline.contracts.json.EventCodec;
import dev.storyline.contracts.messaging.Topology;
import dev.storyline.testkit.EventTap;
import dev.storyline.testkit.Eventually;
import dev.storyline.testkit.IsolatedInfrastructure;
import dev.storyline.upload.hosting.local.SignedLinks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
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
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The worker against real PostgreSQL and RabbitMQ, serving its links over real HTTP. The port is
 * chosen before start-up because the links it mints (LOCAL_STORAGE_PUBLIC_BASE_URL) must name it.
 */
@UploadTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
// the Prometheus registry as in production (tests otherwise get a simple one), for the histogram's buckets
@org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability(tracing = false)
class UploadWorkerTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Path MEDIA_ROOT;
    private static final int PORT;
    private static final int MANAGEMENT_PORT;
    private static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    /** Every MediaHosted the worker sent, for all the class's tests. */
    private static EventTap tap;

    static {
        try {
            MEDIA_ROOT = Files.createTempDirectory("storyline-upload-media");
            try (ServerSocket socket = new ServerSocket(0)) {
                PORT = socket.getLocalPort();
            }
            try (ServerSocket socket = new ServerSocket(0)) {
                MANAGEMENT_PORT = socket.getLocalPort();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        // the documented environment variables, so application.yml's mapping is exercised too
        registry.add("SERVER_PORT", () -> PORT);
        registry.add("MANAGEMENT_PORT", () -> MANAGEMENT_PORT);
        registry.add("MEDIA_ROOT", MEDIA_ROOT::toString);
        registry.add("CLOUD_STORAGE_PROVIDER", () -> "local");
        registry.add("LOCAL_STORAGE_PUBLIC_BASE_URL", () -> "http://127.0.0.1:" + PORT + "/");
        registry.add("LOCAL_STORAGE_SIGNING_KEY", () -> "upload-worker-test-signing-key-0123456789");
        registry.add(
                "LOCAL_STORAGE_DIR",
                () -> Path.of(System.getProperty("java.io.tmpdir"), "storyline-hosted-test")
                        .toString());
    }

    @BeforeAll
    static void tapHostedEvents() {
        tap = EventTap.on(IsolatedInfrastructure.forClass(UploadWorkerTest.class), "media.hosted");
    }

    @AfterAll
    static void close() {
        if (tap != null) {
            tap.close();
        }
    }

    @Autowired
    EventCodec codec;

    @Autowired
    RabbitTemplate rabbit;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    SignedLinks links;

    @Autowired
    io.micrometer.core.instrument.MeterRegistry meters;

    @Test
    void hosts_an_automatic_post_and_announces_it_with_the_request_context() throws IOException {
        EventEnvelope<PostRequested> request = requestFor(mediaFile("memes/announce.jpg", 2048), "image/jpeg");

        publish(request);
        EventEnvelope<MediaHosted> hosted = awaitHosted(request.postId());

        MediaHosted payload = hosted.payload();
        assertThat(payload.content()).isEqualTo(request.payload().content());
        assertThat(payload.instagramUserId()).isEqualTo("17841400000");
        assertThat(payload.dryRun()).isTrue();
        assertThat(payload.provider()).isEqualTo("local");
        assertThat(payload.publicId()).endsWith(".jpg");
        assertThat(payload.url()).startsWith("http://127.0.0.1:" + PORT + "/media/" + payload.publicId() + "?expires=");
        assertThat(payload.expiresAt())
                .isBetween(
                        Instant.now().plus(Duration.ofHours(23)), Instant.now().plus(Duration.ofHours(25)));
        assertThat(hosted.accountId()).isEqualTo(request.accountId());
        assertThat(hosted.correlationId()).isEqualTo(request.correlationId());

        assertThat(jdbc.sql("select url, hosted_event_id, media_path, mime_type from uploads where post_id = :p")
                        .param("p", request.postId())
                        .query()
                        .singleRow())
                .containsEntry("url", payload.url())
                .containsEntry("hosted_event_id", hosted.eventId())
                .containsEntry("media_path", "memes/announce.jpg")
                .containsEntry("mime_type", "image/jpeg");
    }

    @Test
    void times_each_upload_in_a_histogram_by_provider_and_outcome() throws IOException {
        io.micrometer.core.instrument.Timer hosted = meters.get("storyline_upload_duration_seconds")
                .tags("provider", "local", "outcome", "hosted")
                .timer();
        long before = hosted.count();
        EventEnvelope<PostRequested> request = requestFor(mediaFile("memes/timed.jpg", 1024), "image/jpeg");

        publish(request);
        awaitHosted(request.postId());

        // timed before the outcome commits, so once MediaHosted arrives the timer has it
        assertThat(hosted.count()).isEqualTo(before + 1);
        assertThat(hosted.totalTime(java.util.concurrent.TimeUnit.NANOSECONDS)).isPositive();
        assertThat(prometheusScrape())
                .as("percentile histogram buckets, as Prometheus scrapes them")
                .containsPattern(
                        "storyline_upload_duration_seconds_bucket\\{[^}]*outcome=\"hosted\"[^}]*provider=\"local\"");
        assertThat(meters.get("storyline_upload_duration_seconds")
                        .tags("provider", "local", "outcome", "failed")
                        .timer()
                        .count())
                .as("a missing file is not an upload")
                .isZero();
    }

    @Test
    void serves_the_hosted_file_over_a_signed_link() throws Exception {
        Path file = mediaFile("videos/clip.mp4", 1_500_000);
        EventEnvelope<PostRequested> request = requestFor(file, "video/mp4");
        publish(request);
        String url = awaitHosted(request.postId()).payload().url();

        HttpResponse<byte[]> get =
                HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(get.statusCode()).isEqualTo(200);
        assertThat(get.headers().firstValue("Content-Type")).hasValue("video/mp4");
        assertThat(get.headers().firstValueAsLong("Content-Length")).hasValue(Files.size(file));
        assertThat(get.body()).isEqualTo(Files.readAllBytes(file));

        HttpResponse<byte[]> head = HTTP.send(
                HttpRequest.newBuilder(URI.create(url))
                        .method("HEAD", HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("Content-Type")).hasValue("video/mp4");
        assertThat(head.headers().firstValueAsLong("Content-Length")).hasValue(Files.size(file));
        assertThat(head.body()).isEmpty();
    }

    @Test
    void refuses_a_tampered_link_with_403_and_an_expired_one_with_410() throws Exception {
        EventEnvelope<PostRequested> request = requestFor(mediaFile("memes/guarded.jpg", 512), "image/jpeg");
        publish(request);
        MediaHosted hosted = awaitHosted(request.postId()).payload();
        String url = hosted.url();
        String signature = url.substring(url.indexOf("signature=") + "signature=".length());
        long expires = hosted.expiresAt().getEpochSecond();
        String base = "http://127.0.0.1:" + PORT + "/media/" + hosted.publicId();

        assertThat(status(url)).isEqualTo(200);
        String flipped = signature.substring(0, signature.length() - 1) + (signature.endsWith("0") ? "1" : "0");
        assertThat(status(base + "?expires=" + expires + "&signature=" + flipped))
                .isEqualTo(403);
        // the signature binds the expiry: the same signature cannot buy a longer life
        assertThat(status(base + "?expires=" + (expires + 86_400) + "&signature=" + signature))
                .isEqualTo(403);
        assertThat(status(base + "?expires=" + expires)).isEqualTo(403);
        assertThat(status(base + "?expires=" + expires + "&signature=not-hex")).isEqualTo(403);

        String expired = links.url(hosted.publicId(), Instant.now().minusSeconds(5));
        assertThat(status(expired)).isEqualTo(410);
    }

    @Test
    void answers_404_when_the_upload_or_its_file_is_gone_and_never_serves_a_path_from_the_url() throws Exception {
        Path file = mediaFile("memes/vanishing.jpg", 700);
        EventEnvelope<PostRequested> request = requestFor(file, "image/jpeg");
        publish(request);
        MediaHosted hosted = awaitHosted(request.postId()).payload();
        assertThat(status(hosted.url())).isEqualTo(200);

        Files.delete(file);
        assertThat(status(hosted.url())).isEqualTo(404);

        // a validly signed name of a real file is still not an upload: files are found only through the table
        Files.write(MEDIA_ROOT.resolve("top-level.jpg"), new byte[] {1, 2, 3});
        assertThat(status(links.url("top-level.jpg", Instant.now().plusSeconds(600))))
                .isEqualTo(404);
        assertThat(status(links.url("..", Instant.now().plusSeconds(600)))).isIn(400, 404);
    }

    @Test
    void stops_serving_an_upload_once_it_is_marked_deleted() throws Exception {
        EventEnvelope<PostRequested> request = requestFor(mediaFile("memes/cleaned.jpg", 300), "image/jpeg");
        publish(request);
        String url = awaitHosted(request.postId()).payload().url();
        assertThat(status(url)).isEqualTo(200);

        jdbc.sql("update uploads set deleted_at = now() where post_id = :p")
                .param("p", request.postId())
                .update();

        assertThat(status(url)).isEqualTo(404);
    }

    @Test
    void reuses_the_live_upload_when_the_request_is_redelivered() throws IOException {
        EventEnvelope<PostRequested> request = requestFor(mediaFile("memes/again.jpg", 1000), "image/jpeg");
        EventEnvelope<PostRequested> sameEventAgain = request;
        EventEnvelope<PostRequested> samePostNewEvent = new EventEnvelope<>(
                UUID.randomUUID(),
                request.type(),
                request.schemaVersion(),
                Instant.now(),
                request.accountId(),
                request.postId(),
                request.correlationId(),
                request.payload());

        publish(request);
        publish(sameEventAgain);
        publish(samePostNewEvent);
        // one consumer takes the queue in order: once a later post is announced, the three above are done
        EventEnvelope<PostRequested> marker = requestFor(mediaFile("memes/marker.jpg", 10), "image/jpeg");
        publish(marker);
        awaitHosted(marker.postId());

        assertThat(hostedFor(request.postId())).hasSize(1);
        assertThat(count("select count(*) from uploads where post_id = :p", request.postId()))
                .isEqualTo(1);
        assertThat(count(
                        "select count(*) from outbox where post_id = :p and event_type = 'MediaHosted'",
                        request.postId()))
                .isEqualTo(1);
    }

    @Test
    void hosts_again_when_the_previous_link_has_expired() throws Exception {
        EventEnvelope<PostRequested> request = requestFor(mediaFile("memes/stale.jpg", 400), "image/jpeg");
        publish(request);
        MediaHosted first = awaitHosted(request.postId()).payload();
        // within the reuse margin counts as expired: the Graph API might fetch it only after it dies
        jdbc.sql("update uploads set expires_at = now() + interval '10 minutes' where post_id = :p")
                .param("p", request.postId())
                .update();

        publish(new EventEnvelope<>(
                UUID.randomUUID(),
                request.type(),
                request.schemaVersion(),
                Instant.now(),
                request.accountId(),
                request.postId(),
                request.correlationId(),
                request.payload()));

        List<EventEnvelope<MediaHosted>> hosted = Eventually.await(
                WAIT, "a second MediaHosted", () -> hostedFor(request.postId()), list -> list.size() == 2);
        MediaHosted second = hosted.get(1).payload();
        assertThat(second.publicId()).isNotEqualTo(first.publicId());
        assertThat(count("select count(*) from uploads where post_id = :p", request.postId()))
                .isEqualTo(1);
        assertThat(jdbc.sql("select public_id from uploads where post_id = :p")
                        .param("p", request.postId())
                        .query(String.class)
                        .single())
                .isEqualTo(second.publicId());
        assertThat(status(second.url())).isEqualTo(200);
        // the replaced upload's link, still signed and unexpired, no longer leads anywhere
        assertThat(status(first.url())).isEqualTo(404);
    }

    @Test
    void falls_back_to_telegram_when_the_file_is_missing() {
        EventEnvelope<PostRequested> request = requestFor("memes/never-there.jpg", "image/jpeg", 10);

        publish(request);

        String body = Eventually.await(
                        WAIT,
                        "a FallbackRequested in the outbox",
                        () -> jdbc.sql(
                                        "select body from outbox where post_id = :p and event_type = 'FallbackRequested'")
                                .param("p", request.postId())
                                .query(String.class)
                                .optional(),
                        java.util.Optional::isPresent)
                .orElseThrow();
        EventEnvelope<EventPayload> fallback = codec.read(body.getBytes(StandardCharsets.UTF_8));
        assertThat(fallback.payload()).isInstanceOfSatisfying(FallbackRequested.class, f -> {
            assertThat(f.reasonCode()).isEqualTo(FallbackReason.UPLOAD_FAILED);
            assertThat(f.message()).contains("memes/never-there.jpg");
            assertThat(f.content()).isEqualTo(request.payload().content());
        });
        assertThat(fallback.correlationId()).isEqualTo(request.correlationId());
        assertThat(jdbc.sql("select status, failure from uploads where post_id = :p")
                        .param("p", request.postId())
                        .query()
                        .singleRow())
                .containsEntry("status", "FAILED");
        assertThat(hostedFor(request.postId())).isEmpty();
        assertThat(rabbit.receive(Topology.UPLOAD_REQUESTS.deadLetterQueue())).isNull();
    }

    /** Images are real (the worker decodes them to check they are Story-ready); other files are random bytes. */
    @Test
    void serves_a_png_as_a_story_ready_jpeg_and_deletes_the_copy_after_the_post() throws Exception {
        Path png = mediaFile("memes/square.png", 0);
        javax.imageio.ImageIO.write(
                new java.awt.image.BufferedImage(800, 800, java.awt.image.BufferedImage.TYPE_INT_RGB),
                "png",
                png.toFile());
        EventEnvelope<PostRequested> request = requestFor(png, "image/png");
        publish(request);
        String url = awaitHosted(request.postId()).payload().url();

        HttpResponse<byte[]> get =
                HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(get.statusCode()).isEqualTo(200);
        assertThat(get.headers().firstValue("Content-Type")).hasValue("image/jpeg");
        java.awt.image.BufferedImage served = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(get.body()));
        assertThat(served.getWidth() * 16).isEqualTo(served.getHeight() * 9);
        assertThat(served.getWidth()).isLessThanOrEqualTo(1080);

        publish(request.followedBy(new dev.storyline.contracts.events.PostPublished(
                "story", "c", dev.storyline.contracts.events.PostMethod.INSTAGRAM_API, java.time.Instant.now(), true)));
        dev.storyline.testkit.Eventually.await(WAIT, "hosted copy deleted", () -> {
            try {
                return status(url) == 404;
            } catch (Exception e) {
                return false;
            }
        });
        try (var copies = Files.list(Path.of(System.getProperty("java.io.tmpdir"), "storyline-hosted-test"))) {
            assertThat(copies.filter(p -> p.toString().endsWith(".jpg")).toList())
                    .isEmpty();
        }
    }

    private Path mediaFile(String relative, int size) throws IOException {
        Path file = MEDIA_ROOT.resolve(relative);
        Files.createDirectories(file.getParent());
        if (relative.endsWith(".jpg") || relative.endsWith(".png")) {
            java.awt.image.BufferedImage image =
                    new java.awt.image.BufferedImage(540, 960, java.awt.image.BufferedImage.TYPE_INT_RGB);
            java.awt.Graphics2D g = image.createGraphics();
            g.setColor(new java.awt.Color(relative.hashCode()));
            g.fillRect(0, 0, 540, 960);
            g.dispose();
            javax.imageio.ImageIO.write(image, relative.endsWith(".png") ? "png" : "jpg", file.toFile());
            return file;
        }
        byte[] bytes = new byte[size];
        new Random(relative.hashCode()).nextBytes(bytes);
        Files.write(file, bytes);
        return file;
    }

    private static EventEnvelope<PostRequested> requestFor(Path file, String mimeType) throws IOException {
        String relative = MEDIA_ROOT.relativize(file).toString().replace('\\', '/');
        return requestFor(relative, mimeType, Files.size(file));
    }

    private static EventEnvelope<PostRequested> requestFor(String mediaPath, String mimeType, long size) {
        PostContent content = new PostContent(
                UUID.randomUUID(),
                mediaPath,
                mimeType,
                mediaPath.split("/")[0],
                "ab".repeat(32),
                size,
                "Title",
                "a caption",
                null,
                List.of("tag"),
                false);
        return EventEnvelope.forPost(
                "default",
                UUID.randomUUID(),
                new PostRequested(content, Route.AUTO, "api_enabled", "17841400000", Instant.now(), true));
    }

    private void publish(EventEnvelope<?> event) {
        tap.publish(event);
    }

    private EventEnvelope<MediaHosted> awaitHosted(UUID postId) {
        return tap.await(postId, MediaHosted.class, WAIT);
    }

    /** The MediaHosted events received so far for one post, in arrival order. */
    private List<EventEnvelope<MediaHosted>> hostedFor(UUID postId) {
        return tap.eventsFor(postId, MediaHosted.class);
    }

    private int count(String sql, UUID postId) {
        return jdbc.sql(sql).param("p", postId).query(Integer.class).single();
    }

    private static String prometheusScrape() throws IOException {
        try {
            return HTTP.send(
                            HttpRequest.newBuilder(
                                            URI.create("http://127.0.0.1:" + MANAGEMENT_PORT + "/actuator/prometheus"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int status(String url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }
}
