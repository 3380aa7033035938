package dev.storyline.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * token-worker's admin API at the wire: token health ({@code GET /api/tokens}, {@code GET
 * /api/accounts/{id}/token}) and {@code PUT /api/accounts/{id}/token}, checking the admin bearer token and
 * recording every PUT body. Starts with a healthy token for "default".
 */
public final class FakeTokenWorker implements AutoCloseable {

    /** One PUT as received. */
    public record Put(String account, JsonNode body) {}

    private static final Pattern TOKEN = Pattern.compile("/api/accounts/([^/]+)/token");

    private final WireServer server;
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, Map<String, Object>> tokens = new ConcurrentHashMap<>();
    private final List<Put> puts = new CopyOnWriteArrayList<>();

    public FakeTokenWorker() {
        server = new WireServer(this::handle);
        reset();
    }

    public String url() {
        return server.url();
    }

    public void reset() {
        tokens.clear();
        puts.clear();
        tokens.put("default", status("default", "ACTIVE", true, "2026-07-01T00:00:00Z"));
    }

    /** The account's token was rejected by Meta at the last refresh (what Reconnect is for). */
    public void tokenFails(String account) {
        tokens.put(account, status(account, "REFRESH_FAILED", false, "2026-06-01T00:00:00Z"));
    }

    public List<Put> puts() {
        return List.copyOf(puts);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (!("Bearer " + FakeSchedulerApi.TOKEN)
                    .equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                send(exchange, 401, Map.of("error", "missing or wrong admin token"));
                return;
            }
            String path = exchange.getRequestURI().getPath();
            Matcher m = TOKEN.matcher(path);
            String method = exchange.getRequestMethod();
            if (method.equals("GET") && path.equals("/api/tokens")) {
                send(exchange, 200, List.copyOf(tokens.values()));
            } else if (m.matches() && method.equals("GET")) {
                Map<String, Object> t = tokens.get(m.group(1));
                send(
                        exchange,
                        t == null ? 404 : 200,
                        t == null ? Map.of("error", "account '" + m.group(1) + "' has no token") : t);
            } else if (m.matches() && method.equals("PUT")) {
                JsonNode put = json.readTree(body);
                if (put.path("accessToken").asText("").isBlank()) {
                    send(exchange, 400, Map.of("error", "accessToken is required"));
                    return;
                }
                puts.add(new Put(m.group(1), put));
                tokens.put(
                        m.group(1),
                        status(m.group(1), "ACTIVE", true, put.path("expiresAt").asText(null)));
                send(exchange, 200, tokens.get(m.group(1)));
            } else {
                send(exchange, 404, Map.of("error", "no route " + method + " " + path));
            }
        }
    }

    private static Map<String, Object> status(String account, String state, boolean valid, String expiresAt) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("accountId", account);
        s.put("state", state);
        s.put("valid", valid);
        s.put("loginType", "instagram_login");
        s.put("expiresAt", expiresAt);
        s.put("lastError", valid ? null : "Error validating access token: the session has been invalidated");
        return s;
    }

    private void send(HttpExchange exchange, int status, Object body) throws IOException {
        WireServer.reply(exchange, status, "application/json", json.writeValueAsBytes(body));
    }

    @Override
    public void close() {
        server.close();
    }
}
