package dev.storyline.console.connect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.storyline.console.scheduler.SchedulerApiProperties;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * token-worker's admin API (bearer STORYLINE_ADMIN_TOKEN): token health of every account, and the one call that
 * hands a token over. The token goes in the body of a PUT and is never read back, logged or shown.
 */
@Component
class TokenWorkerClient {

    private static final Logger log = LoggerFactory.getLogger(TokenWorkerClient.class);

    private final ConnectProperties properties;
    private final String adminToken;
    private final ObjectMapper json;
    private final HttpClient http;

    TokenWorkerClient(ConnectProperties properties, SchedulerApiProperties scheduler, ObjectMapper json) {
        this.properties = properties;
        this.adminToken = scheduler.adminToken().strip();
        this.json = json;
        this.http = HttpClient.newBuilder()
                .connectTimeout(properties.requestTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** One account's token health, as token-worker reports it (never the token). */
    record Health(String accountId, String state, boolean valid, Instant expiresAt) {}

    /** Every account's token health by account id. */
    Map<String, Health> health() {
        JsonNode answer = send("GET", "/api/tokens", null, "read token health");
        Map<String, Health> all = new LinkedHashMap<>();
        for (JsonNode t : answer) {
            all.put(
                    t.path("accountId").asText(),
                    new Health(
                            t.path("accountId").asText(),
                            t.path("state").asText(null),
                            t.path("valid").asBoolean(false),
                            instant(t.path("expiresAt").asText(null))));
        }
        return all;
    }

    /** An expiry the page cannot read is shown as unknown rather than failing the accounts page. */
    private static Instant instant(String value) {
        try {
            return value == null ? null : Instant.parse(value);
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }

    /** Adds or replaces the account's token, with its expiry, login type and Instagram user id. */
    void put(String account, Grant grant, String instagramUserId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("accessToken", grant.token().value());
        body.put("loginType", grant.loginType().wireName());
        body.put("instagramUserId", instagramUserId);
        body.put(
                "expiresAt",
                grant.expiresAt() == null ? null : grant.expiresAt().toString());
        body.put("scopes", List.copyOf(grant.scopes()));
        try {
            send(
                    "PUT",
                    "/api/accounts/" + URLEncoder.encode(account, StandardCharsets.UTF_8) + "/token",
                    json.writeValueAsString(body),
                    "store the token");
        } catch (IOException e) {
            throw new MetaException("The token could not be handed to token-worker.");
        }
    }

    private JsonNode send(String method, String path, String body, String what) {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create(MetaHttp.base(properties.tokenWorkerUrl()) + path))
                .timeout(properties.requestTimeout())
                .header("Authorization", "Bearer " + adminToken)
                .header("Accept", "application/json")
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            log.warn("token-worker not reachable ({}): {}", what, e.getClass().getSimpleName());
            throw new TokenWorkerException(
                    "token-worker is not reachable, so Storyline could not " + what + ". Try again in a moment.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TokenWorkerException("Interrupted while asking token-worker to " + what + ".");
        }
        if (response.statusCode() >= 400) {
            log.warn("token-worker answered {} when asked to {}", response.statusCode(), what);
            throw new TokenWorkerException("token-worker refused to " + what + " (HTTP " + response.statusCode() + ")"
                    + (response.statusCode() == 401 || response.statusCode() == 403
                            ? ": an admin must check STORYLINE_ADMIN_TOKEN."
                            : "."));
        }
        try {
            return json.readTree(response.body());
        } catch (IOException e) {
            throw new TokenWorkerException("token-worker sent an answer the console cannot read.");
        }
    }

    /** token-worker did not do what was asked; the message is a sentence for the page. */
    static class TokenWorkerException extends RuntimeException {
        TokenWorkerException(String message) {
            super(message, null, false, false);
        }
    }
}
