package dev.storyline.token.refresh;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.storyline.platform.http.BoundedHttp;
import dev.storyline.token.crypto.AccessToken;
import dev.storyline.token.store.LoginType;
import dev.storyline.token.store.StoredToken;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Calls Meta's refresh endpoint for the token's login type, with timeouts on every call
 * and retries with exponential backoff for transient failures only: a 4xx refusal (an expired or
 * revoked token) will not get better by asking again.
 */
@Component
public class RefreshClient {

    private static final Logger log = LoggerFactory.getLogger(RefreshClient.class);

    private final GraphProperties properties;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();
    private final RetryConfig retryConfig;
    private final Clock clock;

    public RefreshClient(GraphProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
        this.http = HttpClient.newBuilder()
                .connectTimeout(properties.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.retryConfig = RetryConfig.custom()
                .maxAttempts(properties.maxAttempts())
                .intervalFunction(IntervalFunction.ofExponentialBackoff(
                        properties.initialBackoff(), 2.0, properties.maxBackoff()))
                .retryOnException(e -> e instanceof RefreshException r && r.transientFailure())
                .failAfterMaxAttempts(false)
                .build();
    }

    public Refreshed refresh(String accountId, LoginType loginType, AccessToken token) {
        URI uri = endpoint(loginType, token);
        Retry retry = Retry.of("token-refresh-" + accountId, retryConfig);
        retry.getEventPublisher()
                .onRetry(e -> log.warn(
                        "token refresh for account '{}' failed (attempt {}), retrying in {}: {}",
                        accountId,
                        e.getNumberOfRetryAttempts(),
                        e.getWaitInterval(),
                        e.getLastThrowable().getMessage()));
        AtomicInteger attempts = new AtomicInteger();
        try {
            return retry.executeCallable(() -> call(uri, token, attempts.incrementAndGet()));
        } catch (RefreshException e) {
            throw e.afterAttempts(attempts.get());
        } catch (Exception e) {
            throw new RefreshException("refresh failed: " + e.getClass().getSimpleName(), false)
                    .afterAttempts(attempts.get());
        }
    }

    /** The URL carries the token (and for Facebook Login the app secret): it is never logged or put in an error. */
    URI endpoint(LoginType loginType, AccessToken token) {
        return switch (loginType) {
            case INSTAGRAM_LOGIN ->
                URI.create(trimSlash(properties.instagramBaseUrl())
                        + "/refresh_access_token?grant_type=ig_refresh_token&access_token=" + encode(token.reveal()));
            case FACEBOOK_LOGIN -> {
                if (!properties.hasAppCredentials()) {
                    throw new RefreshException(
                            "Facebook Login tokens are refreshed with the app's credentials: "
                                    + "set FACEBOOK_APP_ID and FACEBOOK_APP_SECRET",
                            false);
                }
                yield URI.create(trimSlash(properties.facebookBaseUrl()) + "/" + properties.apiVersion()
                        + "/oauth/access_token?grant_type=fb_exchange_token&client_id=" + encode(properties.appId())
                        + "&client_secret=" + encode(properties.appSecret()) + "&fb_exchange_token="
                        + encode(token.reveal()));
            }
        };
    }

    private Refreshed call(URI uri, AccessToken token, int attempt) {
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(properties.requestTimeout())
                .GET()
                .header("Accept", "application/json")
                .build();
        HttpResponse<String> response;
        try {
            // the whole answer, body included: HttpRequest.timeout alone stops at the headers
            response = BoundedHttp.send(
                    http,
                    request,
                    HttpResponse.BodyHandlers.ofString(),
                    properties.connectTimeout().plus(properties.requestTimeout()));
        } catch (HttpTimeoutException e) {
            throw new RefreshException("Meta did not answer within " + properties.requestTimeout(), true);
        } catch (IOException e) {
            throw new RefreshException("cannot reach Meta: " + e.getClass().getSimpleName(), true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RefreshException("interrupted while refreshing", false);
        }
        int status = response.statusCode();
        if (status == 200) {
            return parse(response.body(), token, attempt);
        }
        String reason = scrub(describeError(status, response.body()), token);
        throw new RefreshException(reason, status >= 500 || status == 429);
    }

    private Refreshed parse(String body, AccessToken old, int attempt) {
        JsonNode node;
        try {
            node = json.readTree(body);
        } catch (IOException e) {
            throw new RefreshException("Meta answered 200 with a body that is not JSON", true);
        }
        String value = node.path("access_token").asText("");
        if (value.isBlank()) {
            throw new RefreshException("Meta answered 200 without an access_token", false);
        }
        AccessToken fresh = AccessToken.of(value);
        // whole seconds: what Meta gives, and what the row and the TokenRefreshed event then agree on exactly
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        long expiresIn = node.path("expires_in").asLong(0);
        // Facebook Login may omit expires_in; assume the usual 60 days and learn the truth at the next refresh
        return expiresIn > 0
                ? new Refreshed(fresh, now.plusSeconds(expiresIn), false, attempt)
                : new Refreshed(fresh, now.plus(StoredToken.LONG_LIVED), true, attempt);
    }

    private static String describeError(int status, String body) {
        StringBuilder reason = new StringBuilder("HTTP ").append(status);
        try {
            JsonNode error =
                    new ObjectMapper().readTree(body == null ? "" : body).path("error");
            if (error.isObject()) {
                appendIfPresent(reason, " ", error.path("type").asText(""));
                if (error.has("code")) {
                    reason.append(" code ").append(error.path("code").asText());
                    if (error.has("error_subcode")) {
                        reason.append('/').append(error.path("error_subcode").asText());
                    }
                }
                appendIfPresent(reason, ": ", error.path("message").asText(""));
            }
        } catch (IOException ignored) {
            // not JSON (a proxy's HTML page): the status says enough
        }
        String text = reason.toString();
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }

    private static void appendIfPresent(StringBuilder builder, String separator, String value) {
        if (!value.isBlank()) {
            builder.append(separator).append(value);
        }
    }

    /** Meta's messages sometimes quote what they were given; neither the token nor the app secret may survive. */
    private String scrub(String text, AccessToken token) {
        String scrubbed = token.scrub(text);
        if (properties.appSecret() != null && !properties.appSecret().isBlank()) {
            scrubbed = scrubbed.replace(properties.appSecret(), "[redacted]");
        }
        return scrubbed;
    }

    private static String trimSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
