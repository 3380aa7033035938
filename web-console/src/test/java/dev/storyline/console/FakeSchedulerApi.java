package dev.storyline.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.sun.net.httpserver.HttpExchange;
import dev.storyline.testkit.fakes.QueryString;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The scheduler's admin API at the wire, for the console's tests: a JDK HTTP server answering the routes the
 * console calls with real status codes and problem-detail bodies, checking the bearer token, recording every
 * call. One account, "default" in Asia/Tokyo; its calendar holds a planned and a published slot in whatever
 * week is asked (the stories of the published and the posted-by-hand one: {@link FakeCalendarRoutes}); manual posts wait until resolved, and only the first decision counts, as in the scheduler.
 */
public final class FakeSchedulerApi implements AutoCloseable {

    public static final String TOKEN = "fake-admin-token-for-the-console-tests";

    /** One request as the fake received it. */
    public record Call(String method, String path, String query, String body, String authorization) {}

    private static final Pattern ACCOUNT_ROUTE = Pattern.compile("/api/accounts/([^/]+)(/.*)?");
    private static final Pattern RESOLVE = Pattern.compile("/posts/([^/]+)/resolve");

    private final WireServer server;
    private final ObjectMapper json = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Map<UUID, Map<String, Object>> waiting = new ConcurrentHashMap<>();
    private final Map<UUID, String> resolvedBy = new ConcurrentHashMap<>();
    private final FakeLibraryRoutes library = new FakeLibraryRoutes();
    private volatile boolean down;
    private volatile boolean paused;
    private volatile Failure failNext;
    private volatile int olderHistory;
    private final FakeOpsRoutes ops = new FakeOpsRoutes(json, () -> paused);
    private final FakeAccountRoutes accountRoutes = new FakeAccountRoutes();
    private final FakeCalendarRoutes calendar = new FakeCalendarRoutes();

    private record Failure(int status, String detail) {}

    public FakeSchedulerApi() {
        server = new WireServer(this::handle);
        reset();
    }

    public String url() {
        return server.url();
    }

    /** Back to the starting state: reachable, not paused, one post waiting, no calls. */
    public void reset() {
        down = false;
        paused = false;
        failNext = null;
        olderHistory = 0;
        ops.reset();
        accountRoutes.reset();
        calendar.reset();
        calls.clear();
        waiting.clear();
        resolvedBy.clear();
        library.reset();
        addWaitingPost(
                UUID.fromString("5036ac1f-2354-4846-a1f4-fbf710089f53"),
                "merch/sticker-pack.jpg",
                "merch",
                "api_disabled");
    }

    public void addWaitingPost(UUID id, String mediaPath, String category, String routeReason) {
        Map<String, Object> post = new LinkedHashMap<>();
        post.put("id", id);
        post.put("slotAt", "2026-06-01T01:30:00Z");
        post.put("category", category);
        post.put("status", "MANUAL_PENDING");
        post.put("mediaPath", mediaPath);
        post.put("route", "MANUAL");
        post.put("routeReason", routeReason);
        post.put("note", null);
        waiting.put(id, post);
    }

    /** The history holds this many more (older, published) entries after the five it always starts with. */
    public void olderHistory(int count) {
        olderHistory = count;
    }

    /** Someone else (a Telegram tap) decided this post first. */
    public void resolvedElsewhere(UUID post, String by) {
        resolvedBy.put(post, by);
    }

    /** Down: every connection is dropped without an answer. */
    public void down(boolean down) {
        this.down = down;
    }

    /** The next call to the API is refused with this status and detail. */
    public void failNext(int status, String detail) {
        failNext = new Failure(status, detail);
    }

    /**
     * Lists one more account next to "default" (its own routes answer 404 here): the account a test's user is
     * not granted, whose routes the console must refuse before asking anything.
     */
    public void listAccount(String id, String displayName) {
        Map<String, Object> a = account();
        a.put("id", id);
        a.put("displayName", displayName);
        accountRoutes.list(id, a);
    }

    /** The routes of the Operations and Mix-and-schedule pages. */
    FakeOpsRoutes ops() {
        return ops;
    }

    public FakeCalendarRoutes calendar() {
        return calendar;
    }

    public FakeLibraryRoutes library() {
        return library;
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    public List<Call> calls(String method, String pathPart) {
        return calls.stream()
                .filter(c -> c.method().equals(method) && c.path().contains(pathPart))
                .toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Call call = new Call(
                    exchange.getRequestMethod(),
                    exchange.getRequestURI().getPath(),
                    exchange.getRequestURI().getRawQuery(),
                    body,
                    exchange.getRequestHeaders().getFirst("Authorization"));
            if (down) {
                return; // closed without a status line: the console sees a broken connection
            }
            calls.add(call);
            if (!("Bearer " + TOKEN).equals(call.authorization())) {
                send(exchange, 401, "application/json", Map.of("error", "missing or wrong admin token"));
                return;
            }
            Failure failure = failNext;
            if (failure != null) {
                failNext = null;
                problem(exchange, failure.status(), failure.detail());
                return;
            }
            route(exchange, call);
        }
    }

    /** Accounts created and changed through the API (Connect Instagram). */
    FakeAccountRoutes accountRoutes() {
        return accountRoutes;
    }

    private void route(HttpExchange exchange, Call call) throws IOException {
        if (ops.handle(exchange, call)) {
            return;
        }
        FakeAccountRoutes.Answer answer = accountRoutes.route(call, account());
        if (answer != null) {
            if (answer.status() >= 400) {
                problem(exchange, answer.status(), (String) answer.body());
            } else {
                send(exchange, answer.status(), "application/json", answer.body());
            }
            return;
        }
        if (call.path().equals("/api/accounts") && call.method().equals("GET")) {
            send(exchange, 200, "application/json", List.of(account()));
            return;
        }
        if (call.path().equals("/api/waiting") && call.method().equals("GET")) {
            send(exchange, 200, "application/json", waitingInEveryAccount());
            return;
        }
        if (call.path().equals("/api/slot-counts") && call.method().equals("GET")) {
            Map<String, String> q = QueryString.parse(call.query());
            String accounts = q.getOrDefault("account", "");
            boolean asked = accounts.isEmpty() || List.of(accounts.split(",")).contains("default");
            send(exchange, 200, "application/json", asked ? slotCounts(LocalDate.parse(q.get("from"))) : List.of());
            return;
        }
        Matcher m = ACCOUNT_ROUTE.matcher(call.path());
        if (!m.matches()) {
            problem(exchange, 404, "No endpoint " + call.path());
            return;
        }
        String account = m.group(1);
        String rest = m.group(2) == null ? "" : m.group(2);
        if (!account.equals("default")) {
            problem(exchange, 404, "no account '" + account + "'");
            return;
        }
        Matcher resolve = RESOLVE.matcher(rest);
        if (call.method().equals("GET") && rest.equals("/slots")) {
            send(
                    exchange,
                    200,
                    "application/json",
                    slots(LocalDate.parse(QueryString.parse(call.query()).get("from"))));
        } else if (call.method().equals("GET") && rest.equals("/queue")) {
            send(
                    exchange,
                    200,
                    "application/json",
                    waiting.values().stream()
                            .filter(p -> !resolvedBy.containsKey((UUID) p.get("id")))
                            .toList());
        } else if (call.method().equals("GET") && rest.equals("/history")) {
            Map<String, String> q = QueryString.parse(call.query());
            int limit = Integer.parseInt(q.getOrDefault("limit", "50"));
            int offset = Integer.parseInt(q.getOrDefault("offset", "0"));
            if (limit < 1 || limit > 500 || offset < 0 || offset > 1_000_000) {
                problem(exchange, 400, "limit must be a whole number from 1 to 500");
                return;
            }
            send(exchange, 200, "application/json", history(limit, offset));
        } else if (call.method().equals("POST") && resolve.matches()) {
            resolve(exchange, UUID.fromString(resolve.group(1)), json.readTree(call.body()));
        } else if (call.method().equals("POST") && rest.equals("/pause")) {
            paused = true;
            send(exchange, 200, "application/json", account());
        } else if (call.method().equals("POST") && rest.equals("/resume")) {
            paused = false;
            send(
                    exchange,
                    200,
                    "application/json",
                    Map.of(
                            "accountId",
                            account,
                            "overdue",
                            QueryString.parse(call.query())
                                    .getOrDefault("overdue", "drop")
                                    .toUpperCase(),
                            "affected",
                            2));
        } else if (FakeMetaRoutes.isApiSwitch(call.method(), rest)) {
            Map<String, Object> switched = FakeMetaRoutes.apiSwitched(account(), json.readTree(call.body()));
            if (switched == null) {
                problem(exchange, 400, "enabled must be on, off, true or false (any case)");
            } else {
                send(exchange, 200, "application/json", switched);
            }
        } else if (call.method().equals("POST") && rest.equals("/post-next")) {
            send(exchange, 200, "application/json", Map.of("postId", UUID.randomUUID()));
        } else if (calendar.slot(call.method(), rest) instanceof FakeAccountRoutes.Answer slot) {
            if (slot.status() >= 400) {
                problem(exchange, slot.status(), (String) slot.body());
            } else {
                send(exchange, slot.status(), "application/json", slot.body());
            }
        } else if (calendar.nextPicks(call.method(), rest, call.query()) instanceof Object picks) {
            if (picks instanceof String refusal) {
                problem(exchange, refusal.startsWith("No endpoint") ? 404 : 400, refusal);
            } else {
                send(exchange, 200, "application/json", picks);
            }
        } else if (library.route(exchange, call, rest)) {
            return;
        } else {
            problem(exchange, 404, "No endpoint " + call.method() + " " + call.path());
        }
    }

    private void resolve(HttpExchange exchange, UUID post, com.fasterxml.jackson.databind.JsonNode body)
            throws IOException {
        if (!waiting.containsKey(post)) {
            problem(exchange, 404, "no post " + post + " in account 'default'");
            return;
        }
        String first = resolvedBy.putIfAbsent(post, body.path("by").asText());
        if (first != null) {
            problem(
                    exchange,
                    409,
                    "post " + post + " is RESOLVED, not in flight: its outcome is recorded already" + " (by " + first
                            + "); the first one counts");
            return;
        }
        send(
                exchange,
                200,
                "application/json",
                Map.of(
                        "postId",
                        post,
                        "accountId",
                        "default",
                        "action",
                        body.path("action").asText().toUpperCase(),
                        "by",
                        body.path("by").asText()));
    }

    private Map<String, Object> account() {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("id", "default");
        a.put("displayName", "Demo brand");
        a.put("instagramUserId", "17840000000000000");
        a.put("apiEnabled", false);
        a.put("dryRun", true);
        a.put("tokenHealthy", true);
        a.put("paused", paused);
        a.put("mediaSubdir", "");
        a.put("postsPerDay", 6);
        a.put("windowStartHour", 9);
        a.put("windowEndHour", 21);
        a.put("timezone", "Asia/Tokyo");
        a.put("jitterMinutes", 0);
        a.put("apiPausedUntil", null);
        a.put("apiPostsPerDay", 2);
        a.put("mediaFolder", "MEDIA_ROOT");
        a.put("warnings", List.of());
        return a;
    }

    /** A planned slot on the first day at 10:30 local, a published one on the second at 09:00 local. */
    private List<Map<String, Object>> slots(LocalDate from) {
        ZoneId tokyo = ZoneId.of("Asia/Tokyo");
        List<Map<String, Object>> slots = new ArrayList<>();
        slots.add(slot(from.atTime(10, 30).atZone(tokyo), "PLANNED", null, null, null, null));
        slots.getFirst().put("id", calendar.plannedSlot(from));
        slots.add(RolloutSlots.waiting(slot(
                from.plusDays(2).atTime(12, 0).atZone(tokyo),
                "MANUAL_PENDING",
                "memes/late.jpg",
                "memes",
                null,
                null)));
        slots.add(slot(
                from.plusDays(1).atTime(9, 0).atZone(tokyo),
                "PUBLISHED",
                "memes/cat-in-a-box.jpg",
                "memes",
                "PUBLISHED",
                null));
        slots.getLast().put("id", FakeCalendarRoutes.PUBLISHED_SLOT);
        slots.add(slot(
                from.plusDays(1).atTime(15, 0).atZone(tokyo),
                "RESOLVED",
                "merch/hoodie.png",
                "merch",
                "POSTED_MANUALLY",
                "mia@example.com"));
        slots.getLast().put("id", FakeCalendarRoutes.BY_HAND_SLOT);
        return slots;
    }

    /** The one account's posts waiting for a person, as {@code GET /api/waiting} lists every account's. */
    private List<Map<String, Object>> waitingInEveryAccount() {
        return waiting.values().stream()
                .filter(p -> !resolvedBy.containsKey((UUID) p.get("id")))
                .filter(p -> "MANUAL_PENDING".equals(p.get("status")))
                .map(p -> {
                    Map<String, Object> post = new LinkedHashMap<>(p);
                    post.put("accountId", "default");
                    return post;
                })
                .toList();
    }

    /** {@code GET /api/slot-counts}: the slots {@link #slots} tells, counted per local date, status and outcome. */
    private List<Map<String, Object>> slotCounts(LocalDate from) {
        Map<String, Long> counts = new java.util.TreeMap<>();
        for (Map<String, Object> slot : slots(from)) {
            String date = ((java.time.LocalDateTime) slot.get("localTime"))
                    .toLocalDate()
                    .toString();
            counts.merge(date + "|" + slot.get("status") + "|" + slot.get("outcome"), 1L, Long::sum);
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        counts.forEach((key, n) -> {
            String[] parts = key.split("\\|");
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("date", parts[0]);
            row.put("status", parts[1]);
            row.put("outcome", "null".equals(parts[2]) ? null : parts[2]);
            row.put("slots", n);
            rows.add(row);
        });
        return rows;
    }

    private static Map<String, Object> slot(
            java.time.ZonedDateTime at, String status, String media, String category, String outcome, String by) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("id", UUID.randomUUID());
        s.put("slotAt", at.toInstant());
        s.put("localTime", at.toLocalDateTime());
        s.put("category", category);
        s.put("status", status);
        s.put("mediaPath", media);
        s.put("route", media == null ? null : "AUTO");
        s.put("routeReason", null);
        s.put("note", null);
        s.put("outcome", outcome);
        s.put("outcomeBy", by);
        return s;
    }

    /**
     * Newest first: published by the API at 2026-06-02T00:00Z (09:00 in Tokyo), posted by hand, rejected,
     * failed with a reason that looks like a spreadsheet formula, missed; then the older ones asked for.
     */
    private List<Map<String, Object>> history(int limit, int offset) {
        List<Map<String, Object>> all = new ArrayList<>();
        java.time.Instant newest = java.time.Instant.parse("2026-06-02T00:00:00Z");
        all.add(entry(newest, "PUBLISHED", "instagram_api", "17999000111", null, null, "memes/cat-in-a-box.jpg"));
        all.add(entry(
                newest.minusSeconds(3600),
                "POSTED_MANUALLY",
                "telegram_manual",
                null,
                "mia@example.com",
                null,
                "merch/hoodie, \"XL\".png"));
        all.add(entry(newest.minusSeconds(7200), "REJECTED", "telegram_manual", null, "tom@example.com", null, null));
        all.add(entry(
                newest.minusSeconds(10800),
                "FAILED",
                "instagram_api",
                null,
                null,
                "=HYPERLINK(\"http://evil.example\")",
                "memes/dog.jpg"));
        all.add(entry(newest.minusSeconds(14400), "MISSED", null, null, null, "the scheduler was down", null));
        for (int i = 0; i < olderHistory; i++) {
            all.add(entry(
                    newest.minusSeconds(86_400L + i * 60L),
                    "PUBLISHED",
                    "instagram_api",
                    "older-" + i,
                    null,
                    null,
                    "memes/older-" + i + ".jpg"));
        }
        return all.subList(Math.min(offset, all.size()), Math.min(offset + limit, all.size()));
    }

    private static Map<String, Object> entry(
            java.time.Instant at, String status, String method, String story, String by, String error, String media) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("postId", UUID.nameUUIDFromBytes((status + at).getBytes(StandardCharsets.UTF_8)));
        e.put("status", status);
        e.put("method", method);
        e.put("storyId", story);
        e.put("postedBy", by);
        e.put("error", error);
        e.put("dryRun", false);
        e.put("mediaPath", media);
        e.put("occurredAt", at);
        return e;
    }

    private void problem(HttpExchange exchange, int status, String detail) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", status == 409 ? "Conflict" : status == 404 ? "Not Found" : "Bad Request");
        body.put("status", status);
        body.put("detail", detail);
        body.put("error", detail);
        send(exchange, status, "application/problem+json", body);
    }

    private void send(HttpExchange exchange, int status, String type, Object body) throws IOException {
        WireServer.reply(exchange, status, type, json.writeValueAsBytes(body));
    }

    @Override
    public void close() {
        server.close();
    }
}
