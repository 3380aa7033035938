package dev.storyline.instagram.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.storyline.instagram.InstagramProperties;
import dev.storyline.platform.http.BoundedHttp;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * The three Graph API calls a Story needs. Every call is bounded by the connect and read timeouts;
 * the token goes in the Authorization header, so it is never part of a URL that could end up in a
 * log line or an exception message.
 */
@Component
public class GraphApiClient {

    private final HttpClient http;
    private final String base;
    private final Duration readTimeout;
    private final Duration connectTimeout;
    private final ObjectMapper json;

    public GraphApiClient(InstagramProperties properties, ObjectMapper json) {
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(properties.http().connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.base = properties.graphBaseUrl().replaceAll("/+$", "") + "/" + properties.graphApiVersion();
        this.readTimeout = properties.http().readTimeout();
        this.connectTimeout = properties.http().connectTimeout();
        this.json = json;
    }

    public enum MediaKind {
        IMAGE,
        VIDEO
    }

    /** {@code POST /{ig-user-id}/media} with {@code media_type=STORIES}; Meta fetches the URL itself. */
    public String createStoryContainer(
            String igUserId, AccessTokens.AccessToken token, MediaKind kind, String mediaUrl) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("media_type", "STORIES");
        form.put(kind == MediaKind.VIDEO ? "video_url" : "image_url", mediaUrl);
        return requireId(
                post("create story container", "/" + segment(igUserId) + "/media", form, token),
                "create story container");
    }

    /** {@code GET /{container-id}?fields=status_code,status}. */
    public ContainerStatus containerStatus(String containerId, AccessTokens.AccessToken token) {
        String operation = "read container status";
        JsonNode body = send(
                operation,
                HttpRequest.newBuilder(uri("/" + segment(containerId) + "?fields=status_code,status"))
                        .GET(),
                token);
        String code = body.path("status_code").asText("");
        try {
            return new ContainerStatus(
                    ContainerStatus.Code.valueOf(code), body.path("status").asText(null));
        } catch (IllegalArgumentException e) {
            throw new GraphApiException(operation, GraphError.network("unknown container status_code '" + code + "'"));
        }
    }

    /** {@code GET /{ig-user-id}/content_publishing_limit?fields=quota_usage,config}. */
    public PublishingLimit publishingLimit(String igUserId, AccessTokens.AccessToken token) {
        String operation = "read content publishing limit";
        JsonNode body = send(
                operation,
                HttpRequest.newBuilder(
                                uri("/" + segment(igUserId) + "/content_publishing_limit?fields=quota_usage,config"))
                        .GET(),
                token);
        JsonNode entry = body.path("data").path(0);
        JsonNode config = entry.path("config");
        if (!entry.path("quota_usage").isNumber() || !config.path("quota_total").isNumber()) {
            throw new GraphApiException(
                    operation, GraphError.network("answer has no quota_usage and config.quota_total"));
        }
        int duration = config.path("quota_duration").asInt(86_400);
        return new PublishingLimit(
                entry.get("quota_usage").asInt(), config.get("quota_total").asInt(), duration > 0 ? duration : 86_400);
    }

    /** A live Story of the account: its media id and when it went live (null if Meta did not say). */
    public record Story(String id, java.time.Instant timestamp) {}

    /**
     * {@code GET /{ig-user-id}/stories?fields=id,timestamp}: the account's Stories of the last 24 h. Used
     * to find out whether a media_publish whose answer was lost went live after all.
     */
    public java.util.List<Story> recentStories(String igUserId, AccessTokens.AccessToken token) {
        String operation = "read recent stories";
        JsonNode body = send(
                operation,
                HttpRequest.newBuilder(uri("/" + segment(igUserId) + "/stories?fields=id,timestamp"))
                        .GET(),
                token);
        if (!body.path("data").isArray()) {
            throw new GraphApiException(operation, GraphError.network("answer has no data list"));
        }
        java.util.List<Story> stories = new java.util.ArrayList<>();
        for (JsonNode entry : body.path("data")) {
            String id = entry.path("id").asText("");
            if (!id.isBlank()) {
                stories.add(new Story(id, timestamp(entry.path("timestamp").asText(null))));
            }
        }
        return stories;
    }

    private static java.time.Instant timestamp(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return java.time.OffsetDateTime.parse(text, META_TIME).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    /** Meta writes {@code 2026-03-03T09:00:00+0000} (no colon in the offset). */
    private static final java.time.format.DateTimeFormatter META_TIME =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss[.SSS]XX");

    /** {@code POST /{ig-user-id}/media_publish}; returns the Story's media id. Callers must never repeat it. */
    public String publish(String igUserId, AccessTokens.AccessToken token, String containerId) {
        return requireId(
                post(
                        "publish story",
                        "/" + segment(igUserId) + "/media_publish",
                        Map.of("creation_id", containerId),
                        token),
                "publish story");
    }

    private JsonNode post(String operation, String path, Map<String, String> form, AccessTokens.AccessToken token) {
        String body = form.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        return send(
                operation,
                HttpRequest.newBuilder(uri(path))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body)),
                token);
    }

    private JsonNode send(String operation, HttpRequest.Builder request, AccessTokens.AccessToken token) {
        HttpResponse<String> response;
        try {
            // bounded end to end: HttpRequest.timeout stops at the headers, and a body that stalls would hold the
            // post's claim past its lease
            response = BoundedHttp.send(
                    http,
                    request.timeout(readTimeout)
                            .header("Authorization", "Bearer " + token.value())
                            .header("Accept", "application/json")
                            .build(),
                    HttpResponse.BodyHandlers.ofString(),
                    connectTimeout.plus(readTimeout));
        } catch (HttpTimeoutException e) {
            throw new GraphApiException(operation, GraphError.network("no complete answer within " + readTimeout), e);
        } catch (IOException e) {
            throw new GraphApiException(operation, GraphError.network("connection failed: " + e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GraphApiException(operation, GraphError.network("interrupted"), e);
        }
        if (response.statusCode() / 100 != 2) {
            throw new GraphApiException(operation, GraphError.from(response.statusCode(), response.body(), json));
        }
        try {
            return json.readTree(response.body());
        } catch (IOException e) {
            throw new GraphApiException(operation, GraphError.network("answer is not JSON"), e);
        }
    }

    private static String requireId(JsonNode body, String operation) {
        String id = body.path("id").asText("");
        if (id.isBlank()) {
            throw new GraphApiException(operation, GraphError.network("answer has no id"));
        }
        return id;
    }

    private URI uri(String pathAndQuery) {
        return URI.create(base + pathAndQuery);
    }

    /** Ids come from events and Meta; refuse anything that could change the path. */
    private static String segment(String id) {
        if (id == null || !id.matches("[A-Za-z0-9_-]+")) {
            throw new IllegalArgumentException("not a Graph API id: " + id);
        }
        return id;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
