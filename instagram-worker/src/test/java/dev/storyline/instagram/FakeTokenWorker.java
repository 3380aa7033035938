package dev.storyline.instagram;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * token-worker's {@code GET /internal/accounts/{account}/access-token} at the wire: answers the token set per
 * account, 404 for an account without one, 401/403 for a missing or wrong bearer, and scripted 5xx outages.
 */
public final class FakeTokenWorker implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final String internalToken;
    private final Map<String, String> tokens = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> outages = new ConcurrentHashMap<>();
    private final Map<String, List<String>> requests = new ConcurrentHashMap<>();

    public FakeTokenWorker(String internalToken) {
        this.internalToken = internalToken;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** From now on the account's current token is this one (as after a refresh or a PUT). */
    public void serve(String accountId, String token) {
        tokens.put(accountId, token);
        generations.merge(accountId, 1L, Long::sum);
    }

    /** The generation token-worker gives the account's current token (grows with every {@link #serve}). */
    public long generation(String accountId) {
        return generations.getOrDefault(accountId, 0L);
    }

    private final java.util.Map<String, Long> generations = new java.util.concurrent.ConcurrentHashMap<>();

    /** The next {@code times} requests for the account answer 503, as a token-worker that is restarting. */
    public void failNext(String accountId, int times) {
        outages.computeIfAbsent(accountId, a -> new AtomicInteger()).set(times);
    }

    /** The Authorization header of every request for the account, in order. */
    public List<String> requests(String accountId) {
        return List.copyOf(requests.getOrDefault(accountId, List.of()));
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String[] path = exchange.getRequestURI().getPath().split("/");
            if (path.length != 5
                    || !path[1].equals("internal")
                    || !path[2].equals("accounts")
                    || !path[4].equals("access-token")) {
                reply(exchange, 404, "{\"error\":\"no such path\"}");
                return;
            }
            String account = path[3];
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            requests.computeIfAbsent(account, a -> new CopyOnWriteArrayList<>()).add(String.valueOf(authorization));
            if (authorization == null) {
                reply(exchange, 401, "{\"error\":\"missing internal token\"}");
            } else if (!authorization.equals("Bearer " + internalToken)) {
                reply(exchange, 403, "{\"error\":\"wrong internal token\"}");
            } else if (outages.getOrDefault(account, new AtomicInteger()).getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                reply(exchange, 503, "<html><body>Service Unavailable</body></html>");
            } else if (!tokens.containsKey(account)) {
                reply(exchange, 404, "{\"error\":\"account '" + account + "' has no active token\"}");
            } else {
                reply(
                        exchange,
                        200,
                        "{\"accountId\":\"" + account + "\",\"accessToken\":\"" + tokens.get(account)
                                + "\",\"loginType\":\"facebook_login\",\"instagramUserId\":null,\"expiresAt\":\"2030-01-01T00:00:00Z\","
                                + "\"generation\":" + generation(account) + "}");
            }
        }
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", body.startsWith("{") ? "application/json" : "text/html");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
