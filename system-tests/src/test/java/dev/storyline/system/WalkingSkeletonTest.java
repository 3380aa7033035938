package dev.storyline.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.storyline.testkit.Eventually;
import dev.storyline.testkit.Isolated;
import dev.storyline.testkit.TestInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The walking skeleton across real processes and the real broker: index → slot → PostRequested →
 * MediaHosted (local provider) → PostPublished (dry-run) → posting_history.
 */
class WalkingSkeletonTest {

    private static final String ADMIN_TOKEN = "system-test-admin-token";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<ServiceProcess> services = new ArrayList<>();
    private static ServiceProcess scheduler;
    private static Path mediaRoot;
    private static Isolated infra;

    @BeforeAll
    static void startTheSystem() throws Exception {
        infra = TestInfrastructure.get().isolate("walking_skeleton");
        mediaRoot = Files.createTempDirectory("storyline-system-media");
        storyImage(mediaRoot.resolve("memes/first.jpg"));

        int schedulerPort = ServiceProcess.freePort();
        int uploadPort = ServiceProcess.freePort();
        Map<String, String> env = new HashMap<>(infra.environment());
        env.put("MEDIA_ROOT", mediaRoot.toString());
        env.put("DRY_RUN", "true");
        env.put("ENABLE_INSTAGRAM_API", "true");
        env.put("INSTAGRAM_ACCOUNT_ID", "17841400000000000");
        env.put("STORYLINE_ACCOUNT_ID", "default");
        env.put("POSTS_PER_DAY", "0");
        env.put("STORYLINE_ADMIN_TOKEN", ADMIN_TOKEN);
        env.put("CLOUD_STORAGE_PROVIDER", "local");
        env.put("LOCAL_STORAGE_PUBLIC_BASE_URL", "http://127.0.0.1:" + uploadPort);
        env.put("LOCAL_STORAGE_SIGNING_KEY", "system-test-signing-key-0123456789abcdef");
        env.put("TOKEN_ENCRYPTION_KEYS", "k1:" + java.util.Base64.getEncoder().encodeToString(new byte[32]));
        env.put("TELEGRAM_BOT_TOKEN", "");
        env.put("INSTAGRAM_ACCESS_TOKEN", "");

        Map<String, Integer> ports = new java.util.LinkedHashMap<>();
        ports.put("scheduler-service", schedulerPort);
        ports.put("upload-worker", uploadPort);
        ports.put("instagram-worker", ServiceProcess.freePort());
        ports.put("telegram-worker", ServiceProcess.freePort());
        ports.put("token-worker", ServiceProcess.freePort());
        // Flyway migrations of five schemas race harmlessly: each service owns its own schema.
        ports.forEach((module, port) -> services.add(ServiceProcess.start(module, port, env)));
        CompletableFuture.allOf(services.stream()
                .map(s -> CompletableFuture.runAsync(() -> s.awaitReady(Duration.ofSeconds(150))))
                .toArray(CompletableFuture[]::new)).join();
        scheduler = services.getFirst();
    }

    @AfterAll
    static void stopTheSystem() {
        services.forEach(ServiceProcess::close);
    }

    @Test
    void one_story_travels_the_whole_pipeline_in_dry_run() throws Exception {
        Eventually.await(Duration.ofSeconds(30), "media indexed",
                () -> admin("GET", "/api/accounts/default/media").size() == 1);

        String postId = admin("POST", "/api/accounts/default/post-next").get("postId").asText();

        JsonNode history = Eventually.await(Duration.ofSeconds(60), "history for " + postId,
                () -> admin("GET", "/api/accounts/default/history"), h -> h.size() > 0);
        JsonNode entry = history.get(0);
        assertThat(entry.get("postId").asText()).isEqualTo(postId);
        assertThat(entry.get("status").asText()).isEqualTo("PUBLISHED");
        assertThat(entry.get("method").asText()).isEqualTo("instagram_api");
        assertThat(entry.get("dryRun").asBoolean()).isTrue();
        assertThat(entry.get("mediaPath").asText()).isEqualTo("memes/first.jpg");

        // the upload worker hosted the real file over a signed link, once
        assertThat(infra.jdbc("upload").sql("select count(*) from uploads where post_id = cast(:p as uuid)")
                .param("p", postId).query(Integer.class).single()).isEqualTo(1);
        String url = infra.jdbc("upload").sql("select url from uploads where post_id = cast(:p as uuid)")
                .param("p", postId).query(String.class).single();
        HttpResponse<byte[]> hosted = HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(hosted.statusCode()).isEqualTo(200);
        assertThat(hosted.body()).isEqualTo(Files.readAllBytes(mediaRoot.resolve("memes/first.jpg")));

        // and the instagram worker published it exactly once
        assertThat(infra.jdbc("instagram").sql("select count(*) from publications where post_id = cast(:p as uuid)")
                .param("p", postId).query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void every_service_reports_liveness_readiness_and_prometheus_metrics() throws Exception {
        for (ServiceProcess service : services) {
            for (String probe : List.of("/actuator/health/liveness", "/actuator/health/readiness")) {
                HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(service.baseUrl().resolve(probe)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).as(service.module() + probe + ": " + response.body()).isEqualTo(200);
            }
            HttpResponse<String> readiness = HTTP.send(HttpRequest.newBuilder(
                    service.baseUrl().resolve("/actuator/health/readiness")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(JSON.readTree(readiness.body()).path("components").fieldNames())
                    .toIterable().as(service.module() + " readiness checks").contains("db", "rabbit");
            HttpResponse<String> metrics = HTTP.send(HttpRequest.newBuilder(service.baseUrl().resolve("/actuator/prometheus")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body()).as(service.module()).contains("storyline_outbox_backlog");
        }
    }

    private static JsonNode admin(String method, String path) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(scheduler.baseUrl().resolve(path))
                            .header("Authorization", "Bearer " + ADMIN_TOKEN)
                            .method(method, HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(200);
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void storyImage(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        BufferedImage image = new BufferedImage(540, 960, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.MAGENTA);
        g.fillRect(0, 0, 540, 960);
        g.dispose();
        ImageIO.write(image, "jpg", file.toFile());
    }
}
