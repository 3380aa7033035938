package dev.storyline.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.sun.net.httpserver.HttpExchange;
import dev.storyline.testkit.fakes.QueryString;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;

/**
 * The scheduler's media library routes for {@link FakeSchedulerApi}: list (filters, paging), categories,
 * one item, PATCH of an item, its thumbnail (a real small JPEG), the upload, and reject / unlock (repeatable,
 * the first rejection's who and why kept, as the scheduler does). The fake accepts an upload whose
 * bytes start like a JPEG or PNG (a byte that is not UTF-8: the fake reads bodies as text) and refuses
 * anything else as the scheduler would: 422 with the reason, or 400 naming the field for a bad name.
 */
public final class FakeLibraryRoutes {

    public static final UUID CAT = UUID.fromString("11111111-1111-4111-8111-111111111111");
    public static final UUID BROKEN = UUID.fromString("22222222-2222-4222-8222-222222222222");
    public static final UUID CLIP = UUID.fromString("33333333-3333-4333-8333-333333333333");

    private static final Pattern ITEM = Pattern.compile("/media/([0-9a-f-]{36})(/thumbnail|/reject|/unlock)?");
    private static final Instant FOREVER = Instant.parse("9999-12-31T00:00:00Z");

    private final ObjectMapper json = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private final List<Map<String, Object>> items = new CopyOnWriteArrayList<>();
    private final byte[] thumbnail = thumbnail();
    private final Map<UUID, UUID> inFlight = new java.util.concurrent.ConcurrentHashMap<>();

    FakeLibraryRoutes() {
        reset();
    }

    void reset() {
        items.clear();
        inFlight.clear();
        items.add(item(CAT, "memes/cat.jpg", "image/jpeg", List.of(), null, 2));
        items.add(item(
                BROKEN,
                "memes/broken.jpg",
                "image/jpeg",
                List.of("image is truncated (image/jpeg ends before its end-of-image marker)"),
                null,
                0));
        items.add(item(CLIP, "merch/clip.mp4", "video/mp4", List.of(), Instant.parse("2026-07-01T00:00:00Z"), 0));
    }

    /** This many more valid JPEG items in "bulk", for paging. */
    public void addMany(int count) {
        for (int i = 0; i < count; i++) {
            items.add(item(UUID.randomUUID(), "bulk/f" + i + ".jpg", "image/jpeg", List.of(), null, 0));
        }
    }

    /** The item is on this post now (dispatched or waiting for a person); reject and unlock name it. */
    public void inFlight(UUID media, UUID post) {
        inFlight.put(media, post);
    }

    public Map<String, Object> item(UUID id) {
        return items.stream().filter(i -> i.get("id").equals(id)).findFirst().orElse(null);
    }

    /** Answers a library route and says true, or says false when the route is not one of them. */
    boolean route(HttpExchange exchange, FakeSchedulerApi.Call call, String rest) throws IOException {
        Map<String, String> q = QueryString.parse(call.query());
        Matcher item = ITEM.matcher(rest);
        if (call.method().equals("GET") && rest.equals("/media")) {
            int limit = Integer.parseInt(q.getOrDefault("limit", "100"));
            int offset = Integer.parseInt(q.getOrDefault("offset", "0"));
            if (limit < 1 || limit > 500 || offset < 0 || offset > 1_000_000) {
                problem(exchange, 400, "limit must be a whole number from 1 to 500");
                return true;
            }
            List<Map<String, Object>> matching = items.stream()
                    .filter(i -> !q.containsKey("category") || i.get("category").equals(q.get("category")))
                    .filter(i ->
                            !q.containsKey("valid") || i.get("valid").toString().equals(q.get("valid")))
                    .filter(i -> !q.containsKey("locked")
                            || i.get("locked").toString().equals(q.get("locked")))
                    .filter(i -> !q.containsKey("rejected")
                            || i.get("rejected").toString().equals(q.get("rejected")))
                    .filter(i -> !q.containsKey("neverPosted")
                            || String.valueOf(((int) i.get("timesPosted")) == 0).equals(q.get("neverPosted")))
                    .toList();
            send(
                    exchange,
                    200,
                    "application/json",
                    matching.subList(Math.min(offset, matching.size()), Math.min(offset + limit, matching.size())));
        } else if (call.method().equals("GET") && rest.equals("/categories")) {
            send(
                    exchange,
                    200,
                    "application/json",
                    items.stream()
                            .map(i -> (String) i.get("category"))
                            .distinct()
                            .sorted()
                            .toList());
        } else if (item.matches() && item.group(2) == null && call.method().equals("GET")) {
            Map<String, Object> found = item(UUID.fromString(item.group(1)));
            if (found == null) {
                problem(exchange, 404, "no media " + item.group(1) + " in account default");
            } else {
                send(exchange, 200, "application/json", found);
            }
        } else if (item.matches()
                && item.group(2) != null
                && item.group(2).equals("/thumbnail")
                && call.method().equals("GET")) {
            if (item(UUID.fromString(item.group(1))) == null) {
                problem(exchange, 404, "no media " + item.group(1) + " in account default");
                return true;
            }
            exchange.getResponseHeaders().set("Content-Type", "image/jpeg");
            exchange.sendResponseHeaders(200, thumbnail.length);
            exchange.getResponseBody().write(thumbnail);
        } else if (item.matches() && call.method().equals("PATCH")) {
            patch(exchange, UUID.fromString(item.group(1)), json.readTree(call.body()));
        } else if (item.matches() && item.group(2) != null && call.method().equals("POST")) {
            lock(exchange, UUID.fromString(item.group(1)), item.group(2).equals("/reject"), json.readTree(call.body()));
        } else if (call.method().equals("POST") && rest.equals("/media")) {
            upload(exchange, q.get("category"), q.get("filename"), call.body());
        } else {
            return false;
        }
        return true;
    }

    private void patch(HttpExchange exchange, UUID id, JsonNode body) throws IOException {
        Map<String, Object> item = item(id);
        if (item == null) {
            problem(exchange, 404, "no media " + id + " in account default");
            return;
        }
        if (body.path("title").asText().length() > 200) {
            problem(
                    exchange,
                    400,
                    "title '" + body.path("title").asText().substring(0, 10)
                            + "...' is not allowed; allowed: at most 200 characters");
            return;
        }
        for (String field : List.of("title", "caption", "link")) {
            if (body.hasNonNull(field)) {
                item.put(field, body.path(field).asText());
            }
        }
        if (body.hasNonNull("requiresInteraction")) {
            item.put("requiresInteraction", body.path("requiresInteraction").asBoolean());
        }
        if (body.path("tags").isArray()) {
            List<String> tags = new ArrayList<>();
            body.path("tags").forEach(t -> tags.add(t.asText()));
            item.put("tags", tags);
        }
        send(exchange, 200, "application/json", Map.of("updated", id.toString()));
    }

    private void lock(HttpExchange exchange, UUID id, boolean reject, JsonNode body) throws IOException {
        Map<String, Object> item = item(id);
        if (item == null) {
            problem(exchange, 404, "no media " + id + " in account default");
            return;
        }
        String reason = body.path("reason").isTextual() ? body.path("reason").asText() : null;
        if (reason != null && reason.length() > 500) {
            problem(
                    exchange,
                    400,
                    "reason '" + reason.substring(0, 10) + "...' is not allowed; allowed: at most 500 characters");
            return;
        }
        if (reject && !Boolean.TRUE.equals(item.get("rejected"))) {
            item.put("rejected", true);
            item.put("rejectedBy", body.path("by").asText());
            item.put("rejectionReason", reason);
            item.put("locked", true);
            item.put("lockedUntil", FOREVER);
        } else if (!reject) {
            item.put("rejected", false);
            item.put("rejectedBy", null);
            item.put("rejectionReason", null);
            item.put("locked", false);
            item.put("lockedUntil", null);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("media", item);
        answer.put("inFlightPostId", inFlight.get(id));
        send(exchange, 200, "application/json", answer);
    }

    private void upload(HttpExchange exchange, String category, String name, String body) throws IOException {
        if (name == null || name.contains("/") || name.startsWith(".")) {
            problem(exchange, 400, "filename '" + name + "' is not allowed; allowed: a file name without folders");
            return;
        }
        if (!body.startsWith("\uFFFD")) {
            problem(
                    exchange,
                    422,
                    name + " is refused: unsupported type text/plain (Stories take JPEG/PNG images"
                            + " and MP4/MOV videos)");
            return;
        }
        Map<String, Object> added = item(UUID.randomUUID(), category + "/" + name, "image/jpeg", List.of(), null, 0);
        items.add(added);
        send(exchange, 201, "application/json", added);
    }

    private static Map<String, Object> item(
            UUID id, String path, String mime, List<String> errors, Instant lockedUntil, int posted) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("path", path);
        m.put("category", path.substring(0, path.indexOf('/')));
        m.put("mimeType", mime);
        m.put("sizeBytes", 123_456);
        m.put("width", 1080);
        m.put("height", 1920);
        m.put("durationMs", mime.startsWith("video") ? 15_000 : null);
        m.put("valid", errors.isEmpty());
        m.put("validationErrors", errors);
        m.put("validationWarnings", List.of());
        m.put("requiresInteraction", false);
        m.put("title", null);
        m.put("caption", null);
        m.put("link", null);
        m.put("tags", List.of());
        m.put("active", true);
        m.put("locked", lockedUntil != null);
        m.put("lockedUntil", lockedUntil);
        m.put("timesPosted", posted);
        m.put("rejected", false);
        m.put("rejectedAt", null);
        m.put("rejectedBy", null);
        m.put("rejectionReason", null);
        return m;
    }

    private static byte[] thumbnail() {
        BufferedImage image = new BufferedImage(90, 160, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(0xe07a2f));
        g.fillRect(0, 0, 90, 160);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "jpg", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private void problem(HttpExchange exchange, int status, String detail) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("status", status);
        body.put("detail", detail);
        send(exchange, status, "application/problem+json", body);
    }

    private void send(HttpExchange exchange, int status, String type, Object body) throws IOException {
        WireServer.reply(exchange, status, type, json.writeValueAsBytes(body));
    }
}
