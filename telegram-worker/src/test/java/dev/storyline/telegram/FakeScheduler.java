package dev.storyline.telegram;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Predicate;

/**
 * The scheduler's admin API at the wire: checks the bearer token like the real one (401 with its
 * JSON error), records every authorised call, and answers each route with a scripted JSON body
 * ({@code "GET /api/accounts"} → body), or 404 {@code {"error": ...}} for anything unscripted.
 */
final class FakeScheduler implements AutoCloseable {

    /** One authorised request: method and path with query, e.g. {@code POST /api/accounts/a/resume?overdue=DROP}. */
    record Call(String method, String pathAndQuery) {

        @Override
        public String toString() {
            return method + " " + pathAndQuery;
        }
    }

    private record Scripted(int status, String body) {}

    private final HttpServer server;
    private final String token;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Map<String, Scripted> routes = new ConcurrentHashMap<>();
    private volatile int refused;
    private volatile String expectedToken;
    private volatile long delayMillis;

    FakeScheduler(String token) {
        this.token = token;
        this.expectedToken = token;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(
                Executors.newCachedThreadPool(Thread.ofPlatform().daemon(true).factory()));
        server.createContext("/", this::handle);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** {@code route} is "METHOD /path" (the query is ignored when matching). */
    FakeScheduler answer(String route, String json) {
        return answer(route, 200, json);
    }

    FakeScheduler answer(String route, int status, String json) {
        routes.put(route, new Scripted(status, json));
        return this;
    }

    List<Call> calls() {
        return List.copyOf(calls);
    }

    List<Call> calls(Predicate<Call> filter) {
        return calls.stream().filter(filter).toList();
    }

    /** Requests turned away for a missing or wrong bearer token. */
    int refused() {
        return refused;
    }

    void reset() {
        calls.clear();
        routes.clear();
        expectedToken = token;
        delayMillis = 0;
        refused = 0;
    }

    /** From now on only this token is accepted (the worker's no longer is). */
    void expectToken(String other) {
        expectedToken = other;
    }

    /** Every answer comes this late (to outlast the client's timeout). */
    void delay(long millis) {
        delayMillis = millis;
    }

    static String account(String id, boolean apiEnabled, boolean tokenHealthy, boolean paused, String apiPausedUntil) {
        return """
                {"id":"%s","displayName":"%s","instagramUserId":"1784","apiEnabled":%s,"dryRun":false,"tokenHealthy":%s,\
                "paused":%s,"mediaSubdir":"%s","postsPerDay":6,"windowStartHour":9,"windowEndHour":21,"timezone":"Europe/Berlin",\
                "jitterMinutes":0,"apiPausedUntil":%s}""".formatted(
                        id,
                        id,
                        apiEnabled,
                        tokenHealthy,
                        paused,
                        id,
                        apiPausedUntil == null ? "null" : "\"" + apiPausedUntil + "\"");
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            if (delayMillis > 0) {
                try {
                    Thread.sleep(delayMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (!("Bearer " + expectedToken).equals(auth)) {
                refused++;
                respond(
                        exchange,
                        401,
                        "{\"error\":\"missing or wrong admin token (Authorization: Bearer <STORYLINE_ADMIN_TOKEN>)\"}");
                return;
            }
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            String query = exchange.getRequestURI().getRawQuery();
            calls.add(new Call(method, path + (query == null ? "" : "?" + query)));
            Scripted scripted = routes.get(method + " " + path);
            if (scripted == null) {
                String[] parts = path.split("/");
                String account = parts.length > 3 ? parts[3] : "?";
                respond(exchange, 404, "{\"error\":\"unknown account '" + account + "'\"}");
                return;
            }
            respond(exchange, scripted.status(), scripted.body());
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
