package dev.storyline.testkit.fakes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Telegram Bot API at the wire: {@code /bot<token>/<method>} on a local port. Records every call
 * (JSON or multipart, with uploaded file names and sizes), serves queued callback queries through
 * getUpdates with Telegram's offset semantics, answers 409 to a second concurrent poller like
 * Telegram does, and plays scripted failures (429 with retry_after, 5xx) per method.
 *
 * <p>Longer than 300 lines on purpose: one class per faked service, so a test reads Telegram's whole
 * behaviour (recording, updates, faults) in one place.
 */
public final class FakeBotApi implements AutoCloseable {

    /** One request: the method, its text parameters, and uploaded files (field → name and size). */
    public record Call(
            String method,
            Map<String, String> params,
            Map<String, Upload> files,
            long atNanos,
            int messageId,
            boolean failed) {

        public String param(String name) {
            return params.get(name);
        }

        /** The file uploaded for a field such as {@code photo} (sent as {@code attach://<part>}). */
        public Upload file(String field) {
            String value = params.get(field);
            return value == null || !value.startsWith("attach://")
                    ? null
                    : files.get(value.substring("attach://".length()));
        }
    }

    public record Upload(String fileName, int size) {}

    private record Scripted(int status, String body) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PATH = Pattern.compile("/bot([^/]+)/([A-Za-z]+)");

    private final HttpServer server;
    private final String token;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Map<String, Deque<Scripted>> scripted = new ConcurrentHashMap<>();
    private final List<ObjectNode> updates = new CopyOnWriteArrayList<>();
    private final AtomicInteger updateIds = new AtomicInteger(1000);
    private final AtomicInteger messageIds = new AtomicInteger(1);
    private final AtomicInteger activePolls = new AtomicInteger();
    private final AtomicInteger conflicts = new AtomicInteger();
    private final Object updatesChanged = new Object();
    private final FaultDice faults = new FaultDice();
    private final Map<Integer, ObjectNode> served = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> late = new ConcurrentHashMap<>();
    private volatile java.time.Duration lateBy = java.time.Duration.ZERO;

    public FakeBotApi(String token) {
        this.token = token;
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

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    // ---- scripting -------------------------------------------------------------------------

    /** The next {@code times} calls of {@code method} get this answer instead of success. */
    public void failNext(String method, int times, int status, String body) {
        Deque<Scripted> queue = scripted.computeIfAbsent(method, m -> new ArrayDeque<>());
        synchronized (queue) {
            for (int i = 0; i < times; i++) {
                queue.add(new Scripted(status, body));
            }
        }
    }

    /**
     * Background faults: each call but getUpdates fails with this probability (sends, edits, callback
     * answers), alternating Telegram's 502 and a 429 with retry_after 1. Seeded, so a failing run
     * can be replayed.
     */
    public void injectSendFaults(double rate, long seed) {
        faults.set(rate, seed);
    }

    public int injectedFaults() {
        return faults.played();
    }

    private Scripted randomFault(String method) {
        if (method.equals("getUpdates") || method.equals("setMyCommands")) {
            return null;
        }
        int fault = faults.roll();
        if (fault == 0) {
            return null;
        }
        return fault % 2 == 0 ? new Scripted(429, tooManyRequests(1)) : new Scripted(502, serverError());
    }

    public static String tooManyRequests(int retryAfterSeconds) {
        return "{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests: retry after " + retryAfterSeconds
                + "\",\"parameters\":{\"retry_after\":" + retryAfterSeconds + "}}";
    }

    public static String serverError() {
        return "{\"ok\":false,\"error_code\":502,\"description\":\"Bad Gateway\"}";
    }

    public static String badRequest(String description) {
        return "{\"ok\":false,\"error_code\":400,\"description\":\"Bad Request: " + description + "\"}";
    }

    /**
     * A user taps the button whose callback data is {@code callbackData} or starts with it followed by a
     * dot (the bot may sign its buttons): like Telegram, the tap carries the button's whole data and the
     * message it sits under (the latest message showing such a button). No such button: the data is sent
     * as given, without a message, as a client crafting its own would. Returns the callback query id.
     */
    public String tap(long userId, String username, String callbackData) {
        Call shown = null;
        String data = callbackData;
        for (int i = calls.size() - 1; i >= 0 && shown == null; i--) {
            Call call = calls.get(i);
            String full = buttonData(call, callbackData);
            if (full != null && !call.failed()) {
                shown = call;
                data = full;
            }
        }
        if (shown == null) {
            return tapExactly(userId, username, callbackData, null);
        }
        return tapExactly(userId, username, data, sentMessage(shown));
    }

    /** A tap on a button under a message the bot sent earlier (its chat and message id come along). */
    public String tap(long userId, String username, String callbackData, Call message) {
        String data = callbackData;
        for (int i = calls.size() - 1; i >= 0; i--) {
            Call call = calls.get(i);
            if (call.messageId() == message.messageId()
                    && Objects.equals(call.param("chat_id"), message.param("chat_id"))) {
                String full = buttonData(call, callbackData);
                if (full != null) {
                    data = full;
                    break;
                }
            }
        }
        return tapExactly(userId, username, data, message);
    }

    /** A tap carrying exactly this data, under {@code message} (may be null), e.g. forged data. */
    public String tapExactly(long userId, String username, String callbackData, Call message) {
        return tapIn(
                userId,
                username,
                callbackData,
                message,
                message == null ? 0 : chatId(message.param("chat_id")),
                message == null ? 0 : message.messageId());
    }

    /** A tap reporting any chat and message id, as under a copy of a button forwarded to another chat. */
    public String tapIn(long userId, String username, String callbackData, long chatId, int messageId) {
        return tapIn(userId, username, callbackData, null, chatId, messageId);
    }

    private String tapIn(long userId, String username, String callbackData, Call message, long chatId, int messageId) {
        int updateId = updateIds.incrementAndGet();
        String queryId = "cbq-" + updateId;
        ObjectNode query = JSON.createObjectNode()
                .put("id", queryId)
                .put("chat_instance", "ci-1")
                .put("data", callbackData);
        query.set("from", user(userId, username));
        if (message == null && messageId != 0) {
            query.set("message", chatMessage(chatId, messageId, null, "a message"));
        }
        if (message != null) {
            ObjectNode tapped = chatMessage(
                    chatId, messageId, null, message.method().equals("sendMessage") ? message.param("text") : null);
            if (message.method().equals("sendPhoto")) {
                tapped.set(
                        "photo",
                        JSON.createArrayNode()
                                .add(JSON.createObjectNode()
                                        .put("file_id", "photo-" + message.messageId())
                                        .put("file_unique_id", "u" + message.messageId())
                                        .put("width", 1080)
                                        .put("height", 1920)));
                tapped.put("caption", message.param("caption"));
            }
            query.set("message", tapped);
        }
        ObjectNode update = JSON.createObjectNode().put("update_id", updateId);
        update.set("callback_query", query);
        serve(update);
        return queryId;
    }

    /** The send that created the message a call shows (itself, or the send behind an edit). */
    private Call sentMessage(Call call) {
        if (call.method().startsWith("send")) {
            return call;
        }
        return calls.stream()
                .filter(c -> c.method().startsWith("send")
                        && c.messageId() == call.messageId()
                        && Objects.equals(c.param("chat_id"), call.param("chat_id")))
                .findFirst()
                .orElse(call);
    }

    /** The callback data of a button in the call's keyboard equal to {@code data} or starting with {@code data.}. */
    private static String buttonData(Call call, String data) {
        String markup = call.param("reply_markup");
        if (markup == null || !markup.contains(data)) {
            return null;
        }
        try {
            for (JsonNode row : JSON.readTree(markup).path("inline_keyboard")) {
                for (JsonNode button : row) {
                    String value = button.path("callback_data").asText(null);
                    if (value != null && (value.equals(data) || value.startsWith(data + "."))) {
                        return value;
                    }
                }
            }
        } catch (IOException e) {
            return null;
        }
        return null;
    }

    private static long chatId(String chat) {
        try {
            return Long.parseLong(chat);
        } catch (NumberFormatException e) {
            return -1001;
        }
    }

    /** Serves an update again, as Telegram does when the poller that got it never confirmed it. */
    public void serveAgain(int updateId) {
        ObjectNode update = served.get(updateId);
        if (update == null) {
            throw new IllegalArgumentException("no update " + updateId + " was served");
        }
        serve(update.deepCopy());
    }

    /** Whether every update served so far was confirmed by a later getUpdates offset. */
    public boolean allConfirmed() {
        return updates.isEmpty();
    }

    /**
     * The next {@code times} calls of {@code method} take effect (recorded, a message created) but are
     * answered only after {@code delay}, as when Telegram is slow and the client gives up first.
     */
    public void answerLate(String method, int times, java.time.Duration delay) {
        late.computeIfAbsent(method, m -> new AtomicInteger()).addAndGet(times);
        lateBy = delay;
    }

    /** A user writes in a chat with the bot (a command such as "/status"); returns the update id. */
    public int say(long userId, String username, long chatId, String text) {
        ObjectNode message = chatMessage(chatId, messageIds.incrementAndGet(), user(userId, username), text);
        if (text.startsWith("/")) {
            int length = text.contains(" ") ? text.indexOf(' ') : text.length();
            message.set(
                    "entities",
                    JSON.createArrayNode()
                            .add(JSON.createObjectNode()
                                    .put("type", "bot_command")
                                    .put("offset", 0)
                                    .put("length", length)));
        }
        int updateId = updateIds.incrementAndGet();
        ObjectNode update = JSON.createObjectNode().put("update_id", updateId);
        update.set("message", message);
        serve(update);
        return updateId;
    }

    private static ObjectNode user(long userId, String username) {
        ObjectNode from =
                JSON.createObjectNode().put("id", userId).put("is_bot", false).put("first_name", "User" + userId);
        if (username != null) {
            from.put("username", username);
        }
        return from;
    }

    private static ObjectNode chatMessage(long chatId, int messageId, ObjectNode from, String text) {
        ObjectNode message =
                JSON.createObjectNode().put("message_id", messageId).put("date", System.currentTimeMillis() / 1000);
        message.set(
                "chat",
                JSON.createObjectNode().put("id", chatId).put("type", "group").put("title", "Storyline team"));
        if (from != null) {
            message.set("from", from);
        }
        if (text != null) {
            message.put("text", text);
        }
        return message;
    }

    private void serve(ObjectNode update) {
        served.put(update.get("update_id").intValue(), update);
        updates.add(update);
        synchronized (updatesChanged) {
            updatesChanged.notifyAll();
        }
    }

    // ---- inspection ------------------------------------------------------------------------

    public List<Call> calls(String method) {
        return calls.stream().filter(c -> c.method().equals(method)).toList();
    }

    public List<Call> calls(Predicate<Call> filter) {
        return calls.stream().filter(filter).toList();
    }

    /** The messages sent for a post: every send* call whose buttons carry the post's callback data. */
    public List<Call> messagesWith(String callbackData) {
        return calls(c -> c.method().startsWith("send")
                && String.valueOf(c.param("reply_markup")).contains(callbackData));
    }

    public int conflicts() {
        return conflicts.get();
    }

    // ---- the wire --------------------------------------------------------------------------

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Matcher path = PATH.matcher(exchange.getRequestURI().getPath());
            if (!path.matches() || !path.group(1).equals(token)) {
                respond(exchange, 401, "{\"ok\":false,\"error_code\":401,\"description\":\"Unauthorized\"}");
                return;
            }
            String method = canonical(path.group(2));
            byte[] body = exchange.getRequestBody().readAllBytes();
            String contentType = String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type"));
            Map<String, String> params = new LinkedHashMap<>();
            Map<String, Upload> files = new LinkedHashMap<>();
            if (contentType.startsWith("multipart/form-data")) {
                parseMultipart(body, contentType, params, files);
            } else if (body.length > 0) {
                JSON.readTree(body)
                        .fields()
                        .forEachRemaining(f -> params.put(
                                f.getKey(),
                                f.getValue().isTextual()
                                        ? f.getValue().textValue()
                                        : f.getValue().toString()));
            }
            Scripted failure = nextScripted(method);
            if (failure == null) {
                failure = randomFault(method);
            }
            if (method.equals("getUpdates")) {
                getUpdates(exchange, params, failure);
                return;
            }
            int messageId = params.containsKey("message_id")
                    ? Integer.parseInt(params.get("message_id"))
                    : messageIds.incrementAndGet();
            calls.add(new Call(method, params, files, System.nanoTime(), messageId, failure != null));
            if (failure != null) {
                respond(exchange, failure.status(), failure.body());
                return;
            }
            AtomicInteger slow = late.get(method);
            if (slow != null && slow.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                try {
                    Thread.sleep(lateBy.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            respond(
                    exchange,
                    200,
                    switch (method) {
                        case "answerCallbackQuery", "setMyCommands" -> "{\"ok\":true,\"result\":true}";
                        default -> "{\"ok\":true,\"result\":" + message(params, messageId) + "}";
                    });
        } catch (RuntimeException e) {
            e.printStackTrace();
            throw e;
        }
    }

    private void getUpdates(HttpExchange exchange, Map<String, String> params, Scripted failure) throws IOException {
        if (activePolls.incrementAndGet() > 1) {
            activePolls.decrementAndGet();
            conflicts.incrementAndGet();
            respond(
                    exchange,
                    409,
                    "{\"ok\":false,\"error_code\":409,\"description\":\"Conflict: terminated by other "
                            + "getUpdates request; make sure that only one bot instance is running\"}");
            return;
        }
        try {
            if (failure != null) {
                respond(exchange, failure.status(), failure.body());
                return;
            }
            int offset = params.containsKey("offset") ? Integer.parseInt(params.get("offset")) : 0;
            // Like Telegram: an offset confirms (forgets) every update before it.
            updates.removeIf(u -> u.get("update_id").intValue() < offset);
            long timeoutMillis = Math.min(1000, 1000L * Integer.parseInt(params.getOrDefault("timeout", "0")));
            long deadline = System.currentTimeMillis() + timeoutMillis;
            synchronized (updatesChanged) {
                while (updates.isEmpty() && System.currentTimeMillis() < deadline) {
                    try {
                        updatesChanged.wait(Math.max(1, deadline - System.currentTimeMillis()));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        break;
                    }
                }
            }
            List<JsonNode> batch = new ArrayList<>(updates);
            respond(exchange, 200, "{\"ok\":true,\"result\":" + JSON.valueToTree(batch) + "}");
        } finally {
            activePolls.decrementAndGet();
        }
    }

    /** Method names are case-insensitive on the wire (telegrambots sends them lower-cased). */
    private static String canonical(String method) {
        for (String known : List.of(
                "sendPhoto",
                "sendVideo",
                "sendDocument",
                "sendMessage",
                "editMessageCaption",
                "editMessageText",
                "editMessageReplyMarkup",
                "answerCallbackQuery",
                "getUpdates",
                "setMyCommands")) {
            if (known.equalsIgnoreCase(method)) {
                return known;
            }
        }
        return method;
    }

    private Scripted nextScripted(String method) {
        Deque<Scripted> queue = scripted.get(method);
        if (queue == null) {
            return null;
        }
        synchronized (queue) {
            return queue.poll();
        }
    }

    private String message(Map<String, String> params, int id) {
        String chat = params.getOrDefault("chat_id", "-1001");
        long chatId;
        try {
            chatId = Long.parseLong(chat);
        } catch (NumberFormatException e) {
            chatId = -1001;
        }
        return "{\"message_id\":" + id + ",\"date\":" + System.currentTimeMillis() / 1000 + ",\"chat\":{\"id\":"
                + chatId + ",\"type\":\"channel\",\"title\":\"Storyline\"}}";
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    /** Enough multipart/form-data for the Bot API's uploads: text fields and file parts. */
    private static void parseMultipart(
            byte[] body, String contentType, Map<String, String> params, Map<String, Upload> files) {
        String boundary = "--" + contentType.replaceAll(".*boundary=\"?([^\";]+)\"?.*", "$1");
        String raw = new String(body, StandardCharsets.ISO_8859_1);
        for (String part : raw.split(Pattern.quote(boundary))) {
            int headerEnd = part.indexOf("\r\n\r\n");
            if (headerEnd < 0) {
                continue;
            }
            String headers = part.substring(0, headerEnd);
            String content = part.substring(headerEnd + 4);
            if (content.endsWith("\r\n")) {
                content = content.substring(0, content.length() - 2);
            }
            Matcher name = Pattern.compile("name=\"([^\"]*)\"").matcher(headers);
            if (!name.find()) {
                continue;
            }
            Matcher fileName = Pattern.compile("filename=\"([^\"]*)\"").matcher(headers);
            if (fileName.find()) {
                files.put(name.group(1), new Upload(fileName.group(1), content.length()));
                params.put(name.group(1), "attach:" + fileName.group(1));
            } else {
                params.put(
                        name.group(1),
                        new String(content.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
