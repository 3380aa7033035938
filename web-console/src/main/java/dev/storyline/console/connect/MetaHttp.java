package dev.storyline.console.connect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Plain HTTP calls to Meta's OAuth and Graph endpoints. Codes, secrets and tokens travel in query strings and
 * form bodies as Meta documents, so a URL is never logged: only the step's name, the status and Meta's error
 * code, subcode and trace id.
 */
@Component
class MetaHttp {

    private static final Logger log = LoggerFactory.getLogger(MetaHttp.class);
    private static final Pattern TECHNICAL = Pattern.compile(
            "(\\b(java|javax|jakarta|org|com|dev|sun)\\.[a-z]+\\.)|\\tat |<html|<!DOCTYPE", Pattern.CASE_INSENSITIVE);
    /** Meta's subcode for an authorization code that was used already or expired. */
    private static final int CODE_USED = 36007;

    private final HttpClient http;
    private final ObjectMapper json;
    private final ConnectProperties properties;

    MetaHttp(ConnectProperties properties, ObjectMapper json) {
        this.properties = properties;
        this.json = json;
        this.http = HttpClient.newBuilder()
                .connectTimeout(properties.requestTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    static String query(Map<String, String> params) {
        return params.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    static String base(String url) {
        return url.replaceAll("/+$", "");
    }

    JsonNode get(String step, String url, Map<String, String> params) {
        return send(
                step,
                HttpRequest.newBuilder(URI.create(url + "?" + query(params))).GET());
    }

    JsonNode postForm(String step, String url, Map<String, String> form) {
        return send(
                step,
                HttpRequest.newBuilder(URI.create(url))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(query(form))));
    }

    private JsonNode send(String step, HttpRequest.Builder request) {
        HttpResponse<String> response;
        try {
            response = http.send(
                    request.timeout(properties.requestTimeout())
                            .header("Accept", "application/json")
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            log.warn("Meta did not answer ({}): {}", step, e.getClass().getSimpleName());
            throw new MetaException("Meta did not answer (" + step + "). Nothing was changed; try again in a moment.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MetaException("The connection was interrupted. Nothing was changed.");
        }
        JsonNode body = parse(response.body());
        if (response.statusCode() >= 400 || body == null || body.has("error") || body.has("error_message")) {
            throw refused(step, response.statusCode(), body);
        }
        return body;
    }

    private JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? null : json.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    private MetaException refused(String step, int status, JsonNode body) {
        JsonNode error = body == null ? null : body.path("error");
        String message = null;
        int code = 0;
        int subcode = 0;
        if (error != null && error.isObject()) {
            message = error.path("message").asText(null);
            code = error.path("code").asInt();
            subcode = error.path("error_subcode").asInt();
            log.warn(
                    "Meta refused {} (HTTP {}, code {}, subcode {}, fbtrace_id {})",
                    step,
                    status,
                    code,
                    subcode,
                    error.path("fbtrace_id").asText("-"));
        } else if (body != null && body.has("error_message")) {
            // the Instagram API's older error shape
            message = body.path("error_message").asText(null);
            code = body.path("code").asInt();
            log.warn(
                    "Meta refused {} (HTTP {}, code {}, {})",
                    step,
                    status,
                    code,
                    body.path("error_type").asText("-"));
        } else {
            log.warn("Meta answered {} with HTTP {} and no readable body", step, status);
        }
        if (subcode == CODE_USED
                || (message != null && message.toLowerCase().contains("authorization code has been used"))) {
            return new MetaException("Meta refused the sign-in code: it was used already or has expired. "
                    + "Nothing was changed; start Connect again.");
        }
        String said = message == null
                        || message.isBlank()
                        || TECHNICAL.matcher(message).find()
                ? "no reason given (HTTP " + status + ")"
                : shorten(message.strip());
        return new MetaException("Meta refused " + step + ": " + said + " Nothing was changed.");
    }

    private static String shorten(String s) {
        return s.length() > 200 ? s.substring(0, 199) + "…" : s;
    }
}
