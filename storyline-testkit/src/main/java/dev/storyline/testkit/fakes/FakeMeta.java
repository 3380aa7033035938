package dev.storyline.testkit.fakes;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Meta at the wire, for the Connect tests: the two OAuth dialogs as HTML pages with Allow and Cancel, and the
 * token, exchange, permissions, Pages and profile endpoints of Facebook Login for Business and of Instagram Login,
 * answering with Meta's status codes and error bodies. Every base URL of the console points here; the paths do not
 * overlap. It checks the app id, secret and redirect_uri the way Meta does, lets a code work once, and records
 * every request. Shared by the console's tests and the system tests; {@link #trustedBy} makes the long-lived tokens
 * it hands out ones the Graph fake accepts for the Instagram users they were issued to.
 */
public final class FakeMeta implements AutoCloseable {

    public static final String VERSION = "v23.0";
    public static final String APP_ID = "1234567890";
    public static final String APP_SECRET = "fake-meta-app-secret";
    public static final String IG_APP_ID = "9876543210";
    public static final String IG_APP_SECRET = "fake-instagram-app-secret";
    public static final String IG_LONG_TOKEN = "IGAAlong-lived-instagram-token";
    public static final String FB_LONG_TOKEN = "EAAlong-lived-facebook-token";
    public static final long LONG_LIVED_SECONDS = 5_183_944;
    /** The Instagram user who signs in at the Instagram Login dialog unless {@link #instagramUser} says otherwise. */
    public static final String IG_USER = "17841400000000001";

    /** One request as the fake received it: query and form fields decoded. */
    public record Call(String method, String path, Map<String, String> params) {}

    private static final Pattern FB = Pattern.compile("/" + Pattern.quote(VERSION) + "(/.*)");

    private final HttpServer server;
    private final ObjectMapper json = new ObjectMapper();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    /** code to the login type it was issued for; removed when used. */
    private final Map<String, String> codes = new ConcurrentHashMap<>();

    private volatile String redirectUri;
    private volatile Set<String> granted;
    private volatile boolean wrapped;
    private volatile String instagramUserId;
    private volatile String instagramUsername;

    public FakeMeta() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/", this::handle);
        server.start();
        reset();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The redirect URI registered in the fake app (Meta refuses any other). */
    public void registerRedirectUri(String uri) {
        redirectUri = uri;
    }

    public void reset() {
        calls.clear();
        codes.clear();
        granted = Set.of(
                "instagram_business_basic",
                "instagram_business_content_publish",
                "instagram_basic",
                "instagram_content_publish",
                "pages_show_list",
                "pages_read_engagement",
                "business_management");
        wrapped = true;
        instagramUserId = IG_USER;
        instagramUsername = "brand_ig";
    }

    /**
     * The Graph fake accepts the long-lived tokens this fake issues, each for the Instagram users it reaches:
     * Instagram Login's for the user who signs in, Facebook Login's for the Pages' Instagram accounts.
     */
    public void trustedBy(FakeGraphApi graph) {
        graph.acceptToken(instagramUserId, IG_LONG_TOKEN);
        graph.acceptToken(FacebookRoutes.COFFEE_IG_USER, FB_LONG_TOKEN);
        graph.acceptToken(FacebookRoutes.TEA_IG_USER, FB_LONG_TOKEN);
    }

    /** The person switched these permissions off in the dialog. */
    public void declines(String... permissions) {
        Set<String> kept = new java.util.HashSet<>(granted);
        List.of(permissions).forEach(kept::remove);
        granted = Set.copyOf(kept);
    }

    /** Instagram Login's code answer without the {"data": [...]} wrapper (Meta documents both). */
    public void flatCodeAnswer() {
        wrapped = false;
    }

    /** Who signs in at the Instagram Login dialog. */
    public void instagramUser(String id, String username) {
        instagramUserId = id;
        instagramUsername = username;
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    public List<Call> calls(String method, String path) {
        return calls.stream()
                .filter(c -> c.method().equals(method) && c.path().equals(path))
                .toList();
    }

    /**
     * What the person's browser does after pressing Allow (or Cancel) on the dialog at this URL: the dialog's form
     * is posted and the redirect back to the console is returned, without following it.
     */
    public String press(String dialogUrl, String button) {
        Map<String, String> q = QueryString.parse(URI.create(dialogUrl).getRawQuery());
        String body =
                "decision=" + button + "&flow=" + (dialogUrl.contains("/oauth/authorize") ? "instagram" : "facebook")
                        + "&redirect_uri=" + enc(q.get("redirect_uri")) + "&state=" + enc(q.getOrDefault("state", ""));
        try {
            HttpResponse<String> answer = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(url() + "/dialog/decide"))
                                    .header("Content-Type", "application/x-www-form-urlencoded")
                                    .POST(HttpRequest.BodyPublishers.ofString(body))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            return answer.headers().firstValue("Location").orElseThrow();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            Map<String, String> params =
                    QueryString.parse(exchange.getRequestURI().getRawQuery());
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (method.equals("POST")) {
                params.putAll(QueryString.parse(body));
            }
            calls.add(new Call(method, path, Map.copyOf(params)));
            Matcher fb = FB.matcher(path);
            if (method.equals("GET") && path.equals("/oauth/authorize")) {
                dialog(exchange, params, "instagram", IG_APP_ID);
            } else if (method.equals("POST") && path.equals("/dialog/decide")) {
                decide(exchange, params);
            } else if (method.equals("POST") && path.equals("/oauth/access_token")) {
                InstagramRoutes.code(this, exchange, params);
            } else if (method.equals("GET") && path.equals("/access_token")) {
                InstagramRoutes.exchange(this, exchange, params);
            } else if (method.equals("GET") && path.equals("/me")) {
                InstagramRoutes.profile(this, exchange, params);
            } else if (fb.matches() && method.equals("GET")) {
                if (fb.group(1).equals("/dialog/oauth")) {
                    dialog(exchange, params, "facebook", APP_ID);
                } else {
                    FacebookRoutes.route(this, exchange, fb.group(1), params);
                }
            } else {
                error(exchange, 400, "Unknown path components: " + path, 2500, null);
            }
        }
    }

    private void dialog(HttpExchange exchange, Map<String, String> q, String flow, String appId) throws IOException {
        if (!appId.equals(q.get("client_id"))) {
            html(exchange, 400, "<h1>Invalid App ID</h1><p>The provided app ID does not look like a valid app ID.</p>");
            return;
        }
        if (redirectUri == null || !redirectUri.equals(q.get("redirect_uri"))) {
            html(
                    exchange,
                    400,
                    "<h1>URL blocked</h1><p>This redirect failed because the redirect URI is not "
                            + "whitelisted in the app's Client OAuth Settings.</p>");
            return;
        }
        String scopes = q.getOrDefault("scope", "");
        html(
                exchange,
                200,
                "<h1>" + (flow.equals("instagram") ? "Instagram" : "Facebook") + "</h1>"
                        + "<p id=\"dialog-scopes\">Storyline test app would like to: " + esc(scopes) + "</p>"
                        + "<form method=\"post\" action=\"/dialog/decide\">"
                        + hidden("flow", flow) + hidden("redirect_uri", q.get("redirect_uri"))
                        + hidden("state", q.getOrDefault("state", ""))
                        + "<button id=\"allow\" name=\"decision\" value=\"allow\">Allow</button> "
                        + "<button id=\"cancel\" name=\"decision\" value=\"cancel\">Cancel</button></form>");
    }

    private void decide(HttpExchange exchange, Map<String, String> form) throws IOException {
        String back = form.get("redirect_uri") + "?";
        if ("allow".equals(form.get("decision"))) {
            String code = "AQ" + UUID.randomUUID().toString().replace("-", "");
            codes.put(code, form.get("flow"));
            back += "code=" + enc(code) + "&state=" + enc(form.get("state"));
        } else {
            back += "error=access_denied&error_reason=user_denied&error_description=" + enc("Permissions error")
                    + "&state=" + enc(form.get("state"));
        }
        // Instagram appends #_ to the redirect; browsers keep fragments out of requests
        exchange.getResponseHeaders().set("Location", form.get("flow").equals("instagram") ? back + "#_" : back);
        exchange.sendResponseHeaders(302, -1);
    }

    /** Uses up a code of this login type; false when it is unknown, used or of the other flow. */
    boolean redeem(String code, String flow) {
        return code != null && codes.remove(code, flow);
    }

    boolean registered(String uri) {
        return redirectUri != null && redirectUri.equals(uri);
    }

    Set<String> granted() {
        return granted;
    }

    boolean wrapped() {
        return wrapped;
    }

    String instagramUserId() {
        return instagramUserId;
    }

    String instagramUsername() {
        return instagramUsername;
    }

    void send(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = json.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    /** Meta's Graph error body, with HTTP 400. */
    void error(HttpExchange exchange, int code, String message, Integer subcode, String type) throws IOException {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", message);
        error.put("type", type == null ? "OAuthException" : type);
        error.put("code", code);
        if (subcode != null) {
            error.put("error_subcode", subcode);
        }
        error.put("fbtrace_id", "A" + UUID.randomUUID().toString().substring(0, 20));
        send(exchange, 400, Map.of("error", error));
    }

    private static void html(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = ("<!DOCTYPE html><html lang=\"en\"><head><title>Meta (fake)</title></head><body>" + body
                        + "</body></html>")
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/html; charset=UTF-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static String hidden(String name, String value) {
        return "<input type=\"hidden\" name=\"" + name + "\" value=\"" + esc(value) + "\">";
    }

    private static String esc(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;");
    }

    private static String enc(String s) {
        return URLEncoder.encode(s == null ? "" : s, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
