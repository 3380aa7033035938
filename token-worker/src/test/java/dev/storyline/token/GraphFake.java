package dev.storyline.token;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Function;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Meta's token endpoints at the wire: one local HTTP server on port 0 standing in for both hosts,
 * {@code /ig} for graph.instagram.com and {@code /fb} for graph.facebook.com, so a test sees which
 * host a refresh went to. Answers are scripted per test; every call is recorded.
 */
final class GraphFake implements AutoCloseable {

    record Call(String path, Map<String, String> query) {}

    record Answer(int status, String body, Duration delay) {}

    private final HttpServer server;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Queue<Answer> script = new ConcurrentLinkedQueue<>();
    private volatile Function<Call, Answer> otherwise =
            call -> ok("refreshed-" + UUID.randomUUID(), Duration.ofDays(60).toSeconds());

    private GraphFake(HttpServer server) {
        this.server = server;
    }

    static GraphFake start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            GraphFake fake = new GraphFake(server);
            server.createContext("/", fake::handle);
            server.setExecutor(Executors.newCachedThreadPool());
            server.start();
            return fake;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The token-worker of a {@link TokenTest}: the test key ring, and both Graph hosts pointing at this fake. */
    void register(DynamicPropertyRegistry registry) {
        registry.add("storyline.crypto.encryption-keys", () -> TestKeys.RING);
        registry.add("storyline.graph.instagram-base-url", this::instagramBaseUrl);
        registry.add("storyline.graph.facebook-base-url", this::facebookBaseUrl);
    }

    String instagramBaseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/ig";
    }

    String facebookBaseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/fb";
    }

    /** Answers the next calls in order, then falls back to {@link #otherwise(Function)}. */
    void script(Answer... answers) {
        script.addAll(List.of(answers));
    }

    void otherwise(Function<Call, Answer> answer) {
        this.otherwise = answer;
    }

    List<Call> calls() {
        return List.copyOf(calls);
    }

    void reset() {
        calls.clear();
        script.clear();
        otherwise(
                call -> ok("refreshed-" + UUID.randomUUID(), Duration.ofDays(60).toSeconds()));
    }

    static Answer ok(String token, long expiresIn) {
        return new Answer(
                200,
                "{\"access_token\":\"" + token + "\",\"token_type\":\"bearer\",\"expires_in\":" + expiresIn + "}",
                Duration.ZERO);
    }

    static Answer oauthError(String message) {
        return new Answer(
                400,
                "{\"error\":{\"message\":\"" + message + "\",\"type\":\"OAuthException\",\"code\":190,"
                        + "\"error_subcode\":463,\"fbtrace_id\":\"AbC\"}}",
                Duration.ZERO);
    }

    static Answer serverError() {
        return new Answer(
                500,
                "{\"error\":{\"message\":\"An unexpected error has occurred.\",\"type\":\"OAuthException\","
                        + "\"code\":2,\"is_transient\":true}}",
                Duration.ZERO);
    }

    static Answer slow(Answer answer, Duration delay) {
        return new Answer(answer.status(), answer.body(), delay);
    }

    private void handle(HttpExchange exchange) throws IOException {
        Call call = new Call(
                exchange.getRequestURI().getPath(),
                query(exchange.getRequestURI().getRawQuery()));
        calls.add(call);
        Answer answer = script.poll();
        if (answer == null) {
            answer = otherwise.apply(call);
        }
        try {
            Thread.sleep(answer.delay().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(answer.status(), body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> params = new LinkedHashMap<>();
        if (raw == null) {
            return params;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            params.put(
                    URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                    eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return params;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
