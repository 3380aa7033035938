package dev.storyline.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.storyline.testkit.Isolated;
import dev.storyline.testkit.TestInfrastructure;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A running Storyline: chosen services as separate processes, one isolated database and vhost,
 * a media folder, dry-run configuration and the admin API at hand.
 */
final class StorylineSystem implements AutoCloseable {

    static final String ADMIN_TOKEN = "system-test-admin-token";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration START_TIMEOUT = Duration.ofSeconds(150);

    final Isolated infra;
    final Path mediaRoot;
    private final Map<String, String> env = new HashMap<>();
    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private final Map<String, ServiceProcess> running = new LinkedHashMap<>();

    StorylineSystem(String label) {
        this.infra = TestInfrastructure.get().isolate(label);
        try {
            this.mediaRoot = Files.createTempDirectory("storyline-system-media");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (String module : List.of("scheduler-service", "upload-worker", "instagram-worker", "telegram-worker", "token-worker")) {
            ports.put(module, ServiceProcess.freePort());
        }
        env.putAll(infra.environment());
        env.put("MEDIA_ROOT", mediaRoot.toString());
        env.put("DRY_RUN", "true");
        env.put("ENABLE_INSTAGRAM_API", "true");
        env.put("INSTAGRAM_ACCOUNT_ID", "17841400000000000");
        env.put("STORYLINE_ACCOUNT_ID", "default");
        env.put("POSTS_PER_DAY", "0");
        env.put("STORYLINE_ADMIN_TOKEN", ADMIN_TOKEN);
        env.put("CLOUD_STORAGE_PROVIDER", "local");
        env.put("LOCAL_STORAGE_PUBLIC_BASE_URL", "http://127.0.0.1:" + ports.get("upload-worker"));
        env.put("LOCAL_STORAGE_SIGNING_KEY", "system-test-signing-key-0123456789abcdef");
        env.put("TOKEN_ENCRYPTION_KEYS", "k1:" + Base64.getEncoder().encodeToString(new byte[32]));
        env.put("TELEGRAM_BOT_TOKEN", "");
        env.put("INSTAGRAM_ACCESS_TOKEN", "");
    }

    /** Starts the modules in parallel and waits until each is ready. */
    StorylineSystem start(String... modules) {
        List<ServiceProcess> started = java.util.Arrays.stream(modules)
                .map(module -> ServiceProcess.start(module, ports.get(module), env))
                .toList();
        started.forEach(s -> running.put(s.module(), s));
        CompletableFuture.allOf(started.stream()
                .map(s -> CompletableFuture.runAsync(() -> s.awaitReady(START_TIMEOUT)))
                .toArray(CompletableFuture[]::new)).join();
        return this;
    }

    ServiceProcess service(String module) {
        return running.get(module);
    }

    List<ServiceProcess> services() {
        return List.copyOf(running.values());
    }

    /** kill -9, no graceful shutdown. */
    void kill(String module) {
        running.remove(module).kill();
    }

    JsonNode admin(String method, String path) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(service("scheduler-service").baseUrl().resolve(path))
                            .header("Authorization", "Bearer " + ADMIN_TOKEN)
                            .method(method, HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static HttpResponse<String> get(java.net.URI uri) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(String body) throws IOException {
        return JSON.readTree(body);
    }

    Path storyImage(String relative, Color color) {
        Path file = mediaRoot.resolve(relative);
        try {
            Files.createDirectories(file.getParent());
            BufferedImage image = new BufferedImage(540, 960, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = image.createGraphics();
            g.setColor(color);
            g.fillRect(0, 0, 540, 960);
            g.setColor(Color.WHITE);
            g.drawString(relative, 20, 40);
            g.dispose();
            ImageIO.write(image, "jpg", file.toFile());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        running.values().forEach(ServiceProcess::close);
        running.clear();
    }
}
