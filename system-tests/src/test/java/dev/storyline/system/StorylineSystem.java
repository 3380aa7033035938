package dev.storyline.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.storyline.testkit.Isolated;
import dev.storyline.testkit.TestInfrastructure;
import dev.storyline.testkit.fakes.FakeBotApi;
import dev.storyline.testkit.fakes.FakeGraphApi;
import dev.storyline.testkit.fakes.FakeMeta;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
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
import javax.imageio.ImageIO;

/**
 * A running Storyline: chosen services as separate processes, one isolated database and vhost,
 * a media folder, dry-run configuration and the admin API at hand.
 */
final class StorylineSystem implements AutoCloseable {

    static final String ADMIN_TOKEN = "system-test-admin-token-0123456789abcdef";
    static final String BOT_TOKEN = "123456:system-test-bot";
    static final String TEAM_CHAT = "-1001";
    static final String ADMIN_CHAT = "-1002";
    static final long ADMIN_USER = 111;
    static final long MEMBER_USER = 222;
    static final String CONSOLE_ADMIN = "admin@storyline.test";
    static final String CONSOLE_PASSWORD = "system-test-console-password";
    private static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    /** {@code -Dstoryline.start.timeout=PT5M} gives a loaded machine longer. */
    private static final Duration START_TIMEOUT =
            Duration.parse(System.getProperty("storyline.start.timeout", "PT150S"));

    final Isolated infra;
    final Path mediaRoot;
    private final Map<String, String> env = new HashMap<>();
    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private final Map<String, Integer> managementPorts = new LinkedHashMap<>();
    /** Settings only one module gets, where the same variable means something else to another (INSTAGRAM_GRAPH_BASE_URL). */
    private final Map<String, Map<String, String>> moduleEnv = new HashMap<>();

    private final Map<String, ServiceProcess> running = new LinkedHashMap<>();
    FakeGraphApi graph;
    FakeMeta meta;
    FakeBotApi telegram;

    StorylineSystem(String label) {
        this.infra = TestInfrastructure.get().isolate(label);
        try {
            this.mediaRoot = Files.createTempDirectory("storyline-system-media");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (String module : List.of(
                "scheduler-service",
                "upload-worker",
                "instagram-worker",
                "telegram-worker",
                "token-worker",
                "web-console")) {
            ports.put(module, ServiceProcess.freePort());
            managementPorts.put(module, ServiceProcess.freePort());
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

    /**
     * Real posting against wire fakes instead of dry-run: the Graph API and the Bot API run in this
     * JVM, and the services reach them through their configurable base URLs, as they would reach Meta
     * and Telegram. Timings are shortened so faults play out in seconds.
     */
    StorylineSystem withWireFakes() {
        graph = new FakeGraphApi();
        telegram = new FakeBotApi(BOT_TOKEN);
        env.put("DRY_RUN", "false");
        env.put("INSTAGRAM_GRAPH_BASE_URL", graph.baseUrl());
        env.put("INSTAGRAM_ACCESS_TOKEN", FakeGraphApi.TOKEN);
        env.put("INSTAGRAM_POSTS_PER_HOUR", "100");
        env.put("INSTAGRAM_MAX_ATTEMPTS", "3");
        env.put("INSTAGRAM_CONTAINER_POLL_INTERVAL", "200ms");
        env.put("INSTAGRAM_CONTAINER_POLL_MAX_INTERVAL", "1s");
        env.put("INSTAGRAM_HTTP_READ_TIMEOUT", "2s");
        // A lost media_publish answer is watched this long before the post goes to a person (5 min in
        // production, where Meta may apply a publish minutes late); the fault matrix waits 2 min per batch.
        env.put("INSTAGRAM_PUBLISH_CONFIRM_TIMEOUT", "10s");
        env.put("INSTAGRAM_HOSTING_RECOVERY_WAIT", "5s");
        env.put("TELEGRAM_BOT_TOKEN", BOT_TOKEN);
        env.put("TELEGRAM_API_BASE_URL", telegram.baseUrl());
        env.put("TELEGRAM_CHANNEL_ID", TEAM_CHAT);
        env.put("ADMIN_TELEGRAM_CHAT_ID", ADMIN_CHAT);
        env.put("TELEGRAM_ADMIN_USER_IDS", Long.toString(ADMIN_USER));
        env.put("TELEGRAM_MEMBER_USER_IDS", Long.toString(MEMBER_USER));
        env.put("TELEGRAM_POLL_TIMEOUT", "1s");
        // short leases: a killed worker's claims and the poller's lease pass on in seconds
        env.put("TELEGRAM_POLLER_LEASE", "4s");
        env.put("UPLOAD_LEASE", "5s");
        env.put("TELEGRAM_SEND_INITIAL_BACKOFF", "200ms");
        env.put("TELEGRAM_SEND_MAX_BACKOFF", "2s");
        // a crashed sender's claim (call timeout + longest wait + 30 s) lapses in 45 s instead of 210 s
        env.put("TELEGRAM_HTTP_CALL_TIMEOUT", "10s");
        env.put("TELEGRAM_MAX_RETRY_AFTER", "5s");
        env.put("SCHEDULER_URL", "http://127.0.0.1:" + ports.get("scheduler-service"));
        // token-worker never reaches the internet either
        env.put("FACEBOOK_GRAPH_BASE_URL", graph.baseUrl());
        env.put("INSTAGRAM_LOGIN_GRAPH_BASE_URL", graph.baseUrl());
        return this;
    }

    /**
     * The production token path: instagram-worker asks token-worker for the account's current token
     * (token-worker ingested INSTAGRAM_ACCESS_TOKEN for the env account) instead of reading it itself.
     */
    StorylineSystem withTokensFromTokenWorker() {
        env.put("TOKEN_WORKER_URL", "http://127.0.0.1:" + ports.get("token-worker"));
        env.put("STORYLINE_INTERNAL_TOKEN", "system-test-internal-token-0123456789");
        env.put("TOKEN_CACHE_TTL", "2s");
        return this;
    }

    /**
     * The console with Connect Instagram against a Meta wire fake, whose long-lived tokens the Graph fake accepts
     * (call after {@link #withWireFakes}). Meta's base URLs are the console's own: INSTAGRAM_GRAPH_BASE_URL is
     * graph.instagram.com here but the publishing Graph API for instagram-worker.
     */
    StorylineSystem withConsole() {
        meta = new FakeMeta();
        meta.trustedBy(graph);
        String publicUrl = "http://127.0.0.1:" + ports.get("web-console");
        meta.registerRedirectUri(publicUrl + "/connect/callback");
        Map<String, String> console = new HashMap<>();
        console.put("CONSOLE_ADMIN_EMAIL", CONSOLE_ADMIN);
        console.put("CONSOLE_ADMIN_PASSWORD", CONSOLE_PASSWORD);
        console.put("CONSOLE_PUBLIC_URL", publicUrl);
        console.put("SCHEDULER_URL", "http://127.0.0.1:" + ports.get("scheduler-service"));
        console.put("TOKEN_WORKER_URL", "http://127.0.0.1:" + ports.get("token-worker"));
        console.put("META_APP_ID", FakeMeta.APP_ID);
        console.put("META_APP_SECRET", FakeMeta.APP_SECRET);
        console.put("INSTAGRAM_APP_ID", FakeMeta.IG_APP_ID);
        console.put("INSTAGRAM_APP_SECRET", FakeMeta.IG_APP_SECRET);
        console.put("META_GRAPH_VERSION", FakeMeta.VERSION);
        // the console reads DRY_RUN only to demand https and a long app secret for Meta's live callbacks;
        // the fake Meta speaks plain HTTP on loopback, and the services themselves still post for real
        console.put("DRY_RUN", "true");
        for (String base : List.of(
                "META_OAUTH_DIALOG_BASE_URL",
                "META_GRAPH_BASE_URL",
                "INSTAGRAM_OAUTH_BASE_URL",
                "INSTAGRAM_API_BASE_URL",
                "INSTAGRAM_GRAPH_BASE_URL")) {
            console.put(base, meta.url());
        }
        moduleEnv.put("web-console", console);
        return this;
    }

    URI consoleUrl() {
        return service("web-console").baseUrl();
    }

    /** Starts the modules in parallel and waits until each is ready. */
    StorylineSystem start(String... modules) {
        List<ServiceProcess> started = java.util.Arrays.stream(modules)
                .map(module ->
                        ServiceProcess.start(module, ports.get(module), managementPorts.get(module), envOf(module)))
                .toList();
        started.forEach(s -> running.put(s.module(), s));
        CompletableFuture.allOf(started.stream()
                        .map(s -> CompletableFuture.runAsync(() -> s.awaitReady(START_TIMEOUT)))
                        .toArray(CompletableFuture[]::new))
                .join();
        return this;
    }

    private Map<String, String> envOf(String module) {
        Map<String, String> all = new HashMap<>(env);
        all.putAll(moduleEnv.getOrDefault(module, Map.of()));
        return all;
    }

    /**
     * One more instance of a module already started (replica 2, 3, …): its own ports, the same database,
     * vhost and environment, competing for the same queues, as a scaled-out deployment runs.
     */
    ServiceProcess startReplica(String module, int replica) {
        ServiceProcess process =
                ServiceProcess.start(module, ServiceProcess.freePort(), ServiceProcess.freePort(), envOf(module));
        running.put(module + "#" + replica, process);
        return process.awaitReady(START_TIMEOUT);
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
        return admin(method, path, null);
    }

    /** The scheduler's admin API with a JSON body (null: none); any 2xx is success. */
    JsonNode admin(String method, String path, Object body) {
        return adminOf("scheduler-service", method, path, body);
    }

    /** A module's admin API (scheduler-service, token-worker) with a JSON body (null: none); any 2xx is success. */
    JsonNode adminOf(String module, String method, String path, Object body) {
        try {
            HttpRequest.BodyPublisher publisher = body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body));
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(service(module).baseUrl().resolve(path))
                            .header("Authorization", "Bearer " + ADMIN_TOKEN)
                            .header("Content-Type", "application/json")
                            .method(method, publisher)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException(
                        method + " " + path + " answered " + response.statusCode() + ": " + response.body());
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

    /** GET with the admin token (e.g. health details, shown only when authorised). */
    static HttpResponse<String> getAsAdmin(java.net.URI uri) throws IOException, InterruptedException {
        return HTTP.send(
                HttpRequest.newBuilder(uri)
                        .header("Authorization", "Bearer " + ADMIN_TOKEN)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
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
        if (graph != null) {
            graph.close();
        }
        if (telegram != null) {
            telegram.close();
        }
        if (meta != null) {
            meta.close();
        }
        TestInfrastructure.get().release(infra);
    }
}
