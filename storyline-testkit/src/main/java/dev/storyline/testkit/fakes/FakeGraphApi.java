package dev.storyline.testkit.fakes;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Graph API at the wire: story containers that go IN_PROGRESS → FINISHED (or ERROR, EXPIRED),
 * media_publish, the content_publishing_limit quota (whose usage grows with every publish), Meta's real
 * error bodies, the hosted media Meta would fetch ({@link #mediaUrl}), and its own count of every call. Each Instagram user id is its own
 * scenario, so tests sharing one fake do not see each other.
 *
 * <p>Longer than 300 lines on purpose: one class per faked service, so a test reads Meta's whole
 * behaviour (containers, publishing, quota, errors, faults) in one place.
 */
public final class FakeGraphApi implements AutoCloseable {

    public static final String TOKEN = "test-token";
    public static final String VERSION = "v25.0";

    /** What the fake answers for one Instagram user id; set before the event is sent. */
    public static final class Scenario {
        volatile int inProgressPolls = 1;
        volatile String finalStatus = "FINISHED";
        volatile String finalDetail = "Finished: Media has been uploaded and it is ready to be published.";
        final Deque<Reply> createFailures = new ArrayDeque<>();
        volatile Duration publishDelay = Duration.ZERO;
        volatile Duration publishEffectDelay = Duration.ZERO;
        volatile int expiringContainers = 0;
        final Deque<String[]> firstContainerEnds = new ArrayDeque<>();
        final AtomicInteger quotaUsage = new AtomicInteger();
        volatile int quotaTotal = 100;
        volatile int quotaDuration = 86_400;
        volatile int mediaStatus = 200;
        volatile String mediaContentType;
        volatile long mediaSize = 600_000;

        /** {@code content_publishing_limit} answers this usage (growing with each publish) out of {@code total}. */
        public Scenario quota(int usage, int total) {
            this.quotaUsage.set(usage);
            this.quotaTotal = total;
            return this;
        }

        /** The first {@code count} containers end EXPIRED instead of the final status. */
        public synchronized Scenario expireFirstContainers(int count) {
            this.expiringContainers = count;
            return this;
        }

        /** How the hosted media at {@link #mediaUrl} answers: status, Content-Type (null: by extension) and size. */
        public Scenario media(int status, String contentType, long size) {
            this.mediaStatus = status;
            this.mediaContentType = contentType;
            this.mediaSize = size;
            return this;
        }

        /** The next {@code count} containers end in this status (e.g. ERROR when Meta cannot fetch the media), later ones as usual. */
        public synchronized Scenario firstContainersEndIn(int count, String status, String detail) {
            for (int i = 0; i < count; i++) {
                firstContainerEnds.add(new String[] {status, detail});
            }
            return this;
        }

        synchronized String[] nextContainerEnd() {
            return firstContainerEnds.poll();
        }

        synchronized boolean nextContainerExpires() {
            if (expiringContainers > 0) {
                expiringContainers--;
                return true;
            }
            return false;
        }

        public Scenario inProgressPolls(int polls) {
            this.inProgressPolls = polls;
            return this;
        }

        public Scenario containerEndsIn(String status, String detail) {
            this.finalStatus = status;
            this.finalDetail = detail;
            return this;
        }

        public synchronized Scenario failCreate(int times, Reply reply) {
            for (int i = 0; i < times; i++) {
                createFailures.add(reply);
            }
            return this;
        }

        /** media_publish takes effect at once but answers only after this delay (past the client's timeout). */
        public Scenario publishAnswersAfter(Duration delay) {
            this.publishDelay = delay;
            return this;
        }

        /**
         * media_publish is accepted but the Story goes live (the container turns PUBLISHED and the Story
         * is listed by {@code /{ig-user-id}/stories}) only this long after the call, as Meta sometimes
         * applies a publish whose answer the client already gave up on.
         */
        public Scenario publishTakesEffectAfter(Duration delay) {
            this.publishEffectDelay = delay;
            return this;
        }

        synchronized Reply nextCreateFailure() {
            return createFailures.poll();
        }
    }

    public record Reply(int status, String body) {

        public static Reply error(
                int status, String type, int code, Integer subcode, String message, boolean isTransient) {
            return new Reply(
                    status,
                    "{\"error\":{\"message\":\"" + message + "\",\"type\":\"" + type + "\",\"code\":" + code
                            + (subcode == null ? "" : ",\"error_subcode\":" + subcode)
                            + ",\"is_transient\":" + isTransient + ",\"fbtrace_id\":\"A" + Math.abs(message.hashCode())
                            + "\"}}");
        }

        public static Reply expiredToken() {
            return error(
                    400,
                    "OAuthException",
                    190,
                    463,
                    "Error validating access token: Session has expired on Tuesday, 03-Mar-26 09:00:00 PST.",
                    false);
        }
    }

    /** {@code liveFrom}: when the Story goes (went) live, epoch millis; 0 while media_publish was never accepted. */
    private record Container(
            String igUserId,
            AtomicInteger pollsLeft,
            Scenario scenario,
            AtomicLong liveFrom,
            String finalStatus,
            String finalDetail) {

        boolean publishAccepted() {
            return liveFrom.get() != 0;
        }

        boolean live() {
            long from = liveFrom.get();
            return from != 0 && System.currentTimeMillis() >= from;
        }
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final Map<String, Scenario> scenarios = new ConcurrentHashMap<>();
    private final Map<String, Container> containers = new ConcurrentHashMap<>();
    private final Map<String, List<String>> calls = new ConcurrentHashMap<>();
    private final Map<String, List<Map<String, String>>> createForms = new ConcurrentHashMap<>();
    private final Map<String, java.util.Set<String>> acceptedTokens = new ConcurrentHashMap<>();
    private final Map<String, List<String>> tokensUsed = new ConcurrentHashMap<>();
    private final AtomicInteger containerIds = new AtomicInteger(17_900_000);
    private final FaultDice faults = new FaultDice();
    private volatile Duration slowAnswer = Duration.ZERO;

    public FakeGraphApi() {
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

    public Scenario account(String igUserId) {
        return scenarios.computeIfAbsent(igUserId, id -> new Scenario());
    }

    /** Where the fake hosts a medium for this Instagram user id; answers as {@link Scenario#media} says. */
    public String mediaUrl(String igUserId, String file) {
        return baseUrl() + "/media/" + igUserId + "/" + file;
    }

    /**
     * Calls made for this Instagram user id: {@code create}, {@code status}, {@code publish}, {@code quota},
     * {@code media}, {@code stories}.
     */
    public List<String> calls(String igUserId) {
        return List.copyOf(calls.getOrDefault(igUserId, List.of()));
    }

    public long count(String igUserId, String call) {
        return calls(igUserId).stream().filter(call::equals).count();
    }

    /**
     * Background faults on every account: each create, status and publish call fails with this
     * probability, half of them as a transient HTTP 500 with Meta's body, half as an answer that
     * comes only after {@code slowAnswer} (past the client's read timeout) — for publish, after the
     * story went live, as when Meta's answer is lost. Seeded, so a failing run can be replayed.
     */
    public void injectFaults(double rate, Duration slowAnswer, long seed) {
        this.slowAnswer = slowAnswer;
        faults.set(rate, seed);
    }

    /** How many faults {@link #injectFaults} has played so far. */
    public int injectedFaults() {
        return faults.played();
    }

    /** Stories that went live, over every account: the invariant's "none twice" count. */
    public long publishedStories() {
        return containers.values().stream().filter(Container::live).count();
    }

    private enum Fault {
        NONE,
        ERROR,
        SLOW
    }

    private Fault nextFault() {
        synchronized (faults) {
            if (faults.roll() == 0) {
                return Fault.NONE;
            }
            return faults.coin() ? Fault.ERROR : Fault.SLOW;
        }
    }

    private void pause(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Accepts this token too for calls on this Instagram user id and its containers, as Meta accepts a token
     * issued to that user (by Instagram Login or Facebook Login); {@link #TOKEN} stays valid for every user.
     */
    public void acceptToken(String igUserId, String token) {
        acceptedTokens
                .computeIfAbsent(igUserId, k -> java.util.concurrent.ConcurrentHashMap.newKeySet())
                .add(token);
    }

    /** The access token each call for this Instagram user id (or one of its containers) carried, in order. */
    public List<String> tokensUsed(String igUserId) {
        return List.copyOf(tokensUsed.getOrDefault(igUserId, List.of()));
    }

    private boolean accepts(String igUserId, String token) {
        return TOKEN.equals(token)
                || acceptedTokens.getOrDefault(igUserId, java.util.Set.of()).contains(token);
    }

    public List<Map<String, String>> createForms(String igUserId) {
        return List.copyOf(createForms.getOrDefault(igUserId, List.of()));
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String[] path = exchange.getRequestURI().getPath().split("/");
            if (path.length >= 3 && path[1].equals("media")) {
                media(exchange, path[2], path[path.length - 1]);
                return;
            }
            if (path.length < 3 || !path[1].equals(VERSION)) {
                reply(
                        exchange,
                        Reply.error(
                                400,
                                "OAuthException",
                                2500,
                                null,
                                "Unknown path components: "
                                        + exchange.getRequestURI().getPath(),
                                false));
                return;
            }
            String id = path[2];
            String edge = path.length > 3 ? path[3] : "";
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            String token = authorization != null && authorization.startsWith("Bearer ")
                    ? authorization.substring("Bearer ".length())
                    : "";
            Container owned = containers.get(id);
            String owner = owned != null ? owned.igUserId() : id;
            tokensUsed.computeIfAbsent(owner, k -> new CopyOnWriteArrayList<>()).add(token);
            if (!accepts(owner, token)) {
                reply(
                        exchange,
                        Reply.error(
                                400,
                                "OAuthException",
                                190,
                                null,
                                "Invalid OAuth access token - Cannot parse access token",
                                false));
                return;
            }
            String method = exchange.getRequestMethod();
            boolean chaosApplies = (method.equals("POST") && (edge.equals("media") || edge.equals("media_publish")))
                    || (method.equals("GET") && edge.isEmpty() && containers.containsKey(id));
            Fault fault = chaosApplies ? nextFault() : Fault.NONE;
            if (fault == Fault.ERROR) {
                reply(
                        exchange,
                        Reply.error(
                                500,
                                "OAuthException",
                                2,
                                null,
                                "An unexpected error has occurred. Please retry your request later.",
                                true));
                return;
            }
            if (fault == Fault.SLOW && !edge.equals("media_publish")) {
                pause(slowAnswer);
            }
            if (fault == Fault.SLOW && edge.equals("media_publish")) {
                publish(exchange, id, slowAnswer);
            } else if (method.equals("POST") && edge.equals("media")) {
                create(exchange, id);
            } else if (method.equals("GET") && edge.equals("stories")) {
                stories(exchange, id);
            } else if (method.equals("GET") && edge.equals("content_publishing_limit")) {
                quota(exchange, id);
            } else if (method.equals("POST") && edge.equals("media_publish")) {
                publish(exchange, id, Duration.ZERO);
            } else if (method.equals("GET") && edge.isEmpty() && containers.containsKey(id)) {
                status(exchange, id);
            } else {
                reply(
                        exchange,
                        Reply.error(
                                400,
                                "GraphMethodException",
                                100,
                                33,
                                "Unsupported " + method.toLowerCase() + " request. Object with ID '" + id
                                        + "' does not exist",
                                false));
            }
        }
    }

    private void create(HttpExchange exchange, String igUserId) throws IOException {
        record(igUserId, "create");
        Map<String, String> form = form(exchange);
        createForms.computeIfAbsent(igUserId, k -> new CopyOnWriteArrayList<>()).add(form);
        String mediaUrl = form.containsKey("video_url") ? form.get("video_url") : form.get("image_url");
        if (mediaUrl != null && !acceptsMediaUrl(mediaUrl)) {
            reply(
                    exchange,
                    Reply.error(
                            400,
                            "OAuthException",
                            100,
                            null,
                            "(#100) Invalid parameter: the media URL is not a valid URL",
                            false));
            return;
        }
        Scenario scenario = account(igUserId);
        Reply failure = scenario.nextCreateFailure();
        if (failure != null) {
            reply(exchange, failure);
            return;
        }
        String containerId = Integer.toString(containerIds.incrementAndGet());
        boolean expires = scenario.nextContainerExpires();
        String[] end = expires
                ? new String[] {"EXPIRED", "Expired: the container was not published within 24 hours."}
                : scenario.nextContainerEnd();
        containers.put(
                containerId,
                new Container(
                        igUserId,
                        new AtomicInteger(scenario.inProgressPolls),
                        scenario,
                        new AtomicLong(),
                        end != null ? end[0] : scenario.finalStatus,
                        end != null ? end[1] : scenario.finalDetail));
        reply(exchange, new Reply(200, "{\"id\":\"" + containerId + "\"}"));
    }

    private void status(HttpExchange exchange, String containerId) throws IOException {
        Container container = containers.get(containerId);
        record(container.igUserId(), "status");
        String code;
        String detail;
        synchronized (container) {
            if (container.live()) {
                code = "PUBLISHED";
                detail = "Published";
            } else if (container.publishAccepted()) {
                code = container.finalStatus();
                detail = container.finalDetail();
            } else if (container.pollsLeft().getAndDecrement() > 0) {
                code = "IN_PROGRESS";
                detail = "In Progress: Media is still being processed.";
            } else {
                code = container.finalStatus();
                detail = container.finalDetail();
            }
        }
        reply(
                exchange,
                new Reply(
                        200,
                        "{\"status_code\":\"" + code + "\",\"status\":\"" + detail + "\",\"id\":\"" + containerId
                                + "\"}"));
    }

    private void publish(HttpExchange exchange, String igUserId, Duration extraDelay) throws IOException {
        record(igUserId, "publish");
        String containerId = form(exchange).get("creation_id");
        Container container = containerId == null ? null : containers.get(containerId);
        if (container == null || !container.igUserId().equals(igUserId)) {
            reply(
                    exchange,
                    Reply.error(400, "OAuthException", 24, 2207008, "The media container does not exist", false));
            return;
        }
        synchronized (container) {
            if (container.publishAccepted()
                    || container.pollsLeft().get() > 0
                    || !container.finalStatus().equals("FINISHED")) {
                reply(exchange, Reply.error(400, "OAuthException", 9007, 2207027, "Media ID is not available", false));
                return;
            }
            container
                    .liveFrom()
                    .set(System.currentTimeMillis()
                            + container.scenario().publishEffectDelay.toMillis());
            container.scenario().quotaUsage.incrementAndGet();
        }
        Duration delay = container.scenario().publishDelay.plus(extraDelay);
        if (!delay.isZero()) {
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        reply(exchange, new Reply(200, "{\"id\":\"story-" + containerId + "\"}"));
    }

    /** {@code GET /{ig-user-id}/stories}: the account's live Stories, newest first, with their media ids and times. */
    private void stories(HttpExchange exchange, String igUserId) throws IOException {
        record(igUserId, "stories");
        String data = containers.entrySet().stream()
                .filter(e ->
                        e.getValue().igUserId().equals(igUserId) && e.getValue().live())
                .sorted((a, b) -> Long.compare(
                        b.getValue().liveFrom().get(), a.getValue().liveFrom().get()))
                .map(e -> "{\"id\":\"story-" + e.getKey() + "\",\"timestamp\":\""
                        + STORY_TIME.format(java.time.Instant.ofEpochMilli(
                                e.getValue().liveFrom().get())) + "\"}")
                .collect(java.util.stream.Collectors.joining(","));
        reply(exchange, new Reply(200, "{\"data\":[" + data + "]}"));
    }

    /** Meta's timestamp format: {@code 2026-03-03T09:00:00+0000}. */
    private static final java.time.format.DateTimeFormatter STORY_TIME = java.time.format.DateTimeFormatter.ofPattern(
                    "yyyy-MM-dd'T'HH:mm:ssZ")
            .withZone(java.time.ZoneOffset.UTC);

    private void quota(HttpExchange exchange, String igUserId) throws IOException {
        record(igUserId, "quota");
        Scenario scenario = account(igUserId);
        reply(
                exchange,
                new Reply(
                        200,
                        "{\"data\":[{\"quota_usage\":" + scenario.quotaUsage.get() + ",\"config\":{\"quota_total\":"
                                + scenario.quotaTotal + ",\"quota_duration\":" + scenario.quotaDuration + "}}]}"));
    }

    /** The hosting as Meta's fetcher sees it: honours {@code Range: bytes=0-0} with 206 and Content-Range. */
    private void media(HttpExchange exchange, String igUserId, String file) throws IOException {
        record(igUserId, "media");
        Scenario scenario = account(igUserId);
        String type = scenario.mediaContentType != null
                ? scenario.mediaContentType
                : file.endsWith(".mp4") ? "video/mp4" : file.endsWith(".mov") ? "video/quicktime" : "image/jpeg";
        if (scenario.mediaStatus != 200) {
            reply(exchange, new Reply(scenario.mediaStatus, "<html><body>Not here</body></html>"));
            return;
        }
        exchange.getResponseHeaders().set("Content-Type", type);
        boolean ranged = "bytes=0-0".equals(exchange.getRequestHeaders().getFirst("Range"));
        try {
            if (ranged) {
                exchange.getResponseHeaders().set("Content-Range", "bytes 0-0/" + scenario.mediaSize);
                exchange.sendResponseHeaders(206, 1);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(0);
                }
            } else {
                exchange.sendResponseHeaders(200, -1);
            }
        } catch (IOException e) {
            // the client gave up
        }
    }

    private void record(String igUserId, String call) {
        calls.computeIfAbsent(igUserId, k -> new CopyOnWriteArrayList<>()).add(call);
    }

    /**
     * Whether Meta could fetch from this URL at all: an absolute http(s) URL with a host that parses
     * strictly (no raw spaces, control or non-ASCII characters).
     */
    public static boolean acceptsMediaUrl(String url) {
        try {
            java.net.URI uri = new java.net.URI(url);
            return uri.isAbsolute()
                    && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                    && uri.getHost() != null
                    && url.chars().allMatch(c -> c > 0x20 && c < 0x7f);
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    private static Map<String, String> form(HttpExchange exchange) throws IOException {
        return QueryString.parse(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
    }

    private static void reply(HttpExchange exchange, Reply reply) throws IOException {
        byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders()
                .set("Content-Type", reply.body().startsWith("{") ? "application/json" : "text/html");
        try {
            exchange.sendResponseHeaders(reply.status(), bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } catch (IOException e) {
            // the client gave up (timeout test); nothing to answer
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
