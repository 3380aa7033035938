package dev.storyline.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import dev.storyline.testkit.fakes.QueryString;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

/**
 * The admin API routes the Operations and Mix-and-schedule pages call, as the scheduler answers them: the
 * dead-letter queues (depths, browse, replay with its report, purge only with confirm=true), the account's
 * plan (GET and PATCH, refusing a window of two equal hours by the field "window"), its categories and
 * category mix (refusing by {@code ratios.<category>} and {@code ratios}, as the scheduler does). The
 * library lists "pets", but the mix refuses it: its media went away after the page was read.
 */
final class FakeOpsRoutes {

    static final List<String> QUEUES = List.of(
            "scheduler.outcomes.dlq",
            "upload.requests.dlq",
            "upload.cleanup.dlq",
            "instagram.hosted.dlq",
            "telegram.requests.dlq",
            "token.signals.dlq");
    /** An exception text with a secret in it: the console must never show a dead letter's error or body. */
    static final String SECRET = "EAAB-secret-page-token-123";

    private final ObjectMapper json;
    private final BooleanSupplier paused;
    private final Map<String, List<Map<String, Object>>> dlq = new LinkedHashMap<>();
    private final Map<String, Object> plan = new LinkedHashMap<>();
    private final List<Map<String, Object>> mixHistory = new CopyOnWriteArrayList<>();

    FakeOpsRoutes(ObjectMapper json, BooleanSupplier paused) {
        this.json = json;
        this.paused = paused;
    }

    synchronized void reset() {
        dlq.clear();
        QUEUES.forEach(q -> dlq.put(q, new ArrayList<>()));
        dlq.get("upload.requests.dlq")
                .add(letter("upload.requests.dlq", "m-1", "post.requested.auto", "PERMANENT_FAILURE"));
        dlq.get("upload.requests.dlq")
                .add(letter("upload.requests.dlq", "m-2", "post.requested.auto", "RETRIES_EXHAUSTED"));
        dlq.get("upload.requests.dlq")
                .add(letter("upload.requests.dlq", "m-3", "post.requested.auto", "broker:delivery_limit"));
        dlq.get("telegram.requests.dlq")
                .add(letter("telegram.requests.dlq", "m-4", "admin.alert", "PERMANENT_FAILURE"));
        plan.clear();
        plan.put("windowStartHour", 9);
        plan.put("windowEndHour", 21);
        plan.put("timezone", "Asia/Tokyo");
        plan.put("postsPerDay", 6);
        plan.put("jitterMinutes", 0);
        mixHistory.clear();
        mixHistory.add(mixRow("memes", 60, "2026-05-01T08:00:00Z", null, "ann"));
        mixHistory.add(mixRow("merch", 40, "2026-05-01T08:00:00Z", null, "ann"));
        mixHistory.add(mixRow("memes", 100, "2026-04-01T08:00:00Z", "2026-05-01T08:00:00Z", "setup"));
    }

    int depth(String queue) {
        return dlq.get(queue).size();
    }

    Map<String, Object> plan() {
        return Map.copyOf(plan);
    }

    /** True when the call was one of these routes and answered. */
    synchronized boolean handle(HttpExchange exchange, FakeSchedulerApi.Call call) throws IOException {
        String path = call.path();
        String method = call.method();
        if (path.equals("/api/dlq/depths") && method.equals("GET")) {
            List<Map<String, Object>> depths = new ArrayList<>();
            dlq.forEach((q, messages) -> depths.add(Map.of("queue", q, "messages", messages.size())));
            send(exchange, 200, depths);
        } else if (path.equals("/api/dlq") && method.equals("GET")) {
            String queue = dlqName(QueryString.parse(call.query()).get("queue"));
            if (queue == null) {
                return unknownQueue(exchange, QueryString.parse(call.query()).get("queue"));
            }
            send(exchange, 200, dlq.get(queue));
        } else if (path.startsWith("/api/dlq/") && path.endsWith("/replay") && method.equals("POST")) {
            String name = path.substring("/api/dlq/".length(), path.length() - "/replay".length());
            String queue = dlqName(name);
            if (queue == null) {
                return unknownQueue(exchange, name);
            }
            // all go back; the one the broker dead-lettered fails again at once and is back before the replay ends
            List<Map<String, Object>> messages = dlq.get(queue);
            int replayed = messages.size();
            messages.removeIf(m -> !"broker:delivery_limit".equals(m.get("reason")));
            send(
                    exchange,
                    200,
                    Map.of("replayed", replayed, "returned", 0, "stillFailing", messages.size(), "left", 0));
        } else if (path.startsWith("/api/dlq/") && method.equals("DELETE")) {
            String name = path.substring("/api/dlq/".length());
            String queue = dlqName(name);
            if (queue == null) {
                return unknownQueue(exchange, name);
            }
            if (!"true".equals(QueryString.parse(call.query()).get("confirm"))) {
                problem(
                        exchange,
                        400,
                        "purging " + queue + " deletes its messages for good; repeat with confirm=true",
                        List.of());
                return true;
            }
            int purged = dlq.get(queue).size();
            dlq.get(queue).clear();
            send(exchange, 200, Map.of("purged", purged));
        } else if (path.equals("/api/accounts/default") && method.equals("GET")) {
            send(exchange, 200, account());
        } else if (path.equals("/api/accounts/default") && method.equals("PATCH")) {
            change(exchange, json.readTree(call.body()));
        } else if (path.equals("/api/accounts/default/categories") && method.equals("GET")) {
            send(exchange, 200, List.of("memes", "merch", "pets"));
        } else if (path.equals("/api/accounts/default/category-mix") && method.equals("GET")) {
            send(
                    exchange,
                    200,
                    mixHistory.stream()
                            .filter(r -> r.get("effectiveTo") == null)
                            .map(r -> Map.of("category", r.get("category"), "ratioPercent", r.get("ratioPercent")))
                            .toList());
        } else if (path.equals("/api/accounts/default/category-mix/history") && method.equals("GET")) {
            send(exchange, 200, mixHistory);
        } else if (path.equals("/api/accounts/default/category-mix") && method.equals("PUT")) {
            replaceMix(exchange, json.readTree(call.body()));
        } else {
            return false;
        }
        return true;
    }

    private Map<String, Object> account() {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("id", "default");
        a.put("displayName", "Demo brand");
        a.put("instagramUserId", "17840000000000000");
        a.put("apiEnabled", false);
        a.put("dryRun", true);
        a.put("tokenHealthy", true);
        a.put("paused", paused.getAsBoolean());
        a.put("mediaSubdir", "");
        a.putAll(plan);
        a.put("warnings", List.of());
        return a;
    }

    private void change(HttpExchange exchange, JsonNode body) throws IOException {
        Map<String, Object> next = new LinkedHashMap<>(plan);
        for (Iterator<Map.Entry<String, JsonNode>> fields = body.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            next.put(
                    field.getKey(),
                    field.getValue().isInt()
                            ? field.getValue().asInt()
                            : field.getValue().asText());
        }
        int start = (Integer) next.get("windowStartHour");
        int end = (Integer) next.get("windowEndHour");
        if (start == end % 24 && !(start == 0 && end == 24)) {
            problem(
                    exchange,
                    400,
                    "window '" + start + "-" + end + "' is not allowed; allowed: two different hours",
                    List.of(Map.of(
                            "field",
                            "window",
                            "given",
                            start + "-" + end,
                            "allowed",
                            "two different hours, e.g. 9-21 or 20-2 (crossing midnight); the whole day is 0-24")));
            return;
        }
        plan.putAll(next);
        send(exchange, 200, account());
    }

    private void replaceMix(HttpExchange exchange, JsonNode body) throws IOException {
        Map<String, Integer> ratios = new TreeMap<>();
        body.path("ratios")
                .fields()
                .forEachRemaining(e -> ratios.put(e.getKey(), e.getValue().asInt()));
        List<Map<String, Object>> unknown = new ArrayList<>();
        ratios.keySet().stream()
                .filter(c -> !List.of("memes", "merch").contains(c))
                .forEach(c -> unknown.add(Map.of(
                        "field", "ratios." + c, "given", c, "allowed", "a category of the library: memes, merch")));
        if (!unknown.isEmpty()) {
            problem(exchange, 400, "unknown category (the library has: memes, merch)", unknown);
            return;
        }
        int sum = ratios.values().stream().mapToInt(Integer::intValue).sum();
        if (sum != 100) {
            problem(
                    exchange,
                    400,
                    "ratios sum to " + sum + "%; they must sum to 100%",
                    List.of(Map.of(
                            "field",
                            "ratios",
                            "given",
                            String.valueOf(sum),
                            "allowed",
                            "percentages that sum to 100")));
            return;
        }
        String now = "2026-06-01T09:00:00Z";
        List<Map<String, Object>> closed = new ArrayList<>();
        for (Map<String, Object> row : mixHistory) {
            Map<String, Object> copy = new LinkedHashMap<>(row);
            if (copy.get("effectiveTo") == null) {
                copy.put("effectiveTo", now);
            }
            closed.add(copy);
        }
        List<Map<String, Object>> fresh = new ArrayList<>();
        ratios.forEach((c, r) ->
                fresh.add(mixRow(c, r, now, null, body.path("changedBy").asText())));
        mixHistory.clear();
        mixHistory.addAll(fresh);
        mixHistory.addAll(closed);
        send(
                exchange,
                200,
                fresh.stream()
                        .map(r -> Map.of("category", r.get("category"), "ratioPercent", r.get("ratioPercent")))
                        .toList());
    }

    private static Map<String, Object> mixRow(String category, int percent, String from, String to, String by) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("category", category);
        row.put("ratioPercent", new BigDecimal(percent).setScale(2));
        row.put("effectiveFrom", from);
        row.put("effectiveTo", to);
        row.put("changedBy", by);
        return row;
    }

    private static Map<String, Object> letter(String queue, String id, String type, String reason) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("queue", queue);
        m.put("messageId", id);
        m.put("type", type);
        m.put("reason", reason);
        m.put("error", "upload failed: https://graph.example/v21.0/me?access_token=" + SECRET);
        m.put("routingKey", type);
        m.put("accountId", "default");
        m.put("postId", "5036ac1f-2354-4846-a1f4-fbf710089f5" + id.charAt(2));
        m.put("attempts", 3);
        m.put("deadLetteredAt", "2026-06-01T01:3" + id.charAt(2) + ":00Z");
        m.put("ageSeconds", 120);
        m.put("body", "{\"accessToken\":\"" + SECRET + "\"}");
        return m;
    }

    /** The DLQ as listed, from its name or its work queue's; null when there is none. */
    private String dlqName(String name) {
        if (name == null) {
            return null;
        }
        String full = name.endsWith(".dlq") ? name : name + ".dlq";
        return dlq.containsKey(full) ? full : null;
    }

    private boolean unknownQueue(HttpExchange exchange, String name) throws IOException {
        problem(exchange, 404, "unknown queue '" + name + "'; the queues are " + String.join(", ", QUEUES), List.of());
        return true;
    }

    private void problem(HttpExchange exchange, int status, String detail, List<Map<String, Object>> errors)
            throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", status == 404 ? "Not Found" : "Bad Request");
        body.put("status", status);
        body.put("detail", detail);
        body.put("error", detail);
        if (!errors.isEmpty()) {
            body.put("errors", errors);
        }
        WireServer.reply(exchange, status, "application/problem+json", json.writeValueAsBytes(body));
    }

    private void send(HttpExchange exchange, int status, Object body) throws IOException {
        WireServer.reply(exchange, status, "application/json", json.writeValueAsBytes(body));
    }
}
