package dev.storyline.console;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The five services' readiness probes at the wire, as actuator answers them: scheduler-service, instagram-worker
 * and token-worker ready (200), upload-worker running but not ready (503), telegram-worker not running at all
 * (its port refuses connections). A probe that answers something else (500 here, for instagram-worker once
 * {@link #broken(boolean)}) is unknown to the console.
 */
final class FakeReadiness implements AutoCloseable {

    private final int closedPort;
    private final WireServer server;
    private volatile boolean broken;

    FakeReadiness() {
        try (ServerSocket probe = new ServerSocket(0)) {
            closedPort = probe.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server = new WireServer(this::handle);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            int status = path.contains("upload-worker") ? 503 : 200;
            if (broken && path.contains("instagram-worker")) {
                status = 500;
            }
            byte[] body = ("{\"status\":\"" + (status == 200 ? "UP" : "DOWN") + "\"}").getBytes(StandardCharsets.UTF_8);
            WireServer.reply(exchange, status, "application/vnd.spring-boot.actuator.v3+json", body);
        }
    }

    void broken(boolean broken) {
        this.broken = broken;
    }

    void register(DynamicPropertyRegistry registry) {
        String base = server.url();
        registry.add(
                "storyline.console.health.scheduler-service",
                () -> base + "/scheduler-service/actuator/health/readiness");
        registry.add("storyline.console.health.upload-worker", () -> base + "/upload-worker/actuator/health/readiness");
        registry.add(
                "storyline.console.health.instagram-worker",
                () -> base + "/instagram-worker/actuator/health/readiness");
        registry.add(
                "storyline.console.health.telegram-worker",
                () -> "http://127.0.0.1:" + closedPort + "/actuator/health/readiness");
        registry.add("storyline.console.health.token-worker", () -> base + "/token-worker/actuator/health/readiness");
        registry.add("storyline.console.health.timeout", () -> "2s");
    }

    @Override
    public void close() {
        server.close();
    }
}
