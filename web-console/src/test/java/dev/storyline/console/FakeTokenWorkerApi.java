package dev.storyline.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * token-worker's admin API at the wire, as far as the Meta callbacks use it: DELETE of an account's token
 * answers 200 while the account has an active token and 404 after, as token-worker does. Each 200 stands for
 * the revocation event token-worker emits, which telegram-worker turns into an admin alert; {@link
 * #alerts()} lists them.
 */
final class FakeTokenWorkerApi implements AutoCloseable {

    /** One request as the fake received it. */
    record Call(String method, String path, String query, String authorization) {}

    private static final Pattern TOKEN_ROUTE = Pattern.compile("/api/accounts/([^/]+)/token");

    private final WireServer server;
    private final ObjectMapper json = new ObjectMapper();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final List<String> alerts = new CopyOnWriteArrayList<>();
    private final Set<String> activeTokens = ConcurrentHashMap.newKeySet();
    private volatile boolean down;

    FakeTokenWorkerApi() {
        server = new WireServer(this::handle);
        reset();
    }

    String url() {
        return server.url();
    }

    /** The "default" account has an active token; reachable; no calls, no alerts. */
    void reset() {
        down = false;
        calls.clear();
        alerts.clear();
        activeTokens.clear();
        activeTokens.add("default");
    }

    /** Down: every connection is dropped without an answer. */
    void down(boolean down) {
        this.down = down;
    }

    List<Call> calls() {
        return List.copyOf(calls);
    }

    /** The admin alerts token-worker's revocations would raise, one per token actually revoked. */
    List<String> alerts() {
        return List.copyOf(alerts);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            if (down) {
                return;
            }
            Call call = new Call(
                    exchange.getRequestMethod(),
                    exchange.getRequestURI().getPath(),
                    exchange.getRequestURI().getRawQuery(),
                    exchange.getRequestHeaders().getFirst("Authorization"));
            calls.add(call);
            if (!("Bearer " + FakeSchedulerApi.TOKEN).equals(call.authorization())) {
                send(exchange, 401, Map.of("error", "missing or wrong admin token"));
                return;
            }
            Matcher m = TOKEN_ROUTE.matcher(call.path());
            if (!call.method().equals("DELETE") || !m.matches()) {
                send(exchange, 404, Map.of("error", "No endpoint " + call.method() + " " + call.path()));
                return;
            }
            String account = m.group(1);
            if (!activeTokens.remove(account)) {
                send(exchange, 404, Map.of("error", "account '" + account + "' has no active token"));
                return;
            }
            String by = call.query() != null && call.query().startsWith("by=")
                    ? call.query().substring(3)
                    : "admin-api";
            alerts.add("account " + account + ": token revoked by " + by + "; posts go to Telegram");
            send(exchange, 200, Map.of("accountId", account, "state", "REVOKED"));
        }
    }

    private void send(HttpExchange exchange, int status, Object body) throws IOException {
        WireServer.reply(exchange, status, "application/json", json.writeValueAsBytes(body));
    }

    @Override
    public void close() {
        server.close();
    }
}
