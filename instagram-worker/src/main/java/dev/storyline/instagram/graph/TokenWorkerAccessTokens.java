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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each account's current token from token-worker ({@code GET /internal/accounts/{account}/access-token},
 * bearer STORYLINE_INTERNAL_TOKEN), kept in memory for TOKEN_CACHE_TTL so a burst of posts asks once. A
 * token Meta rejects is dropped at once ({@link #rejected}), so the next post picks up a refreshed or
 * replaced token without waiting for the TTL.
 */
class TokenWorkerAccessTokens implements AccessTokens {

    private static final Logger log = LoggerFactory.getLogger(TokenWorkerAccessTokens.class);

    private record Cached(AccessToken token, Instant fetchedAt) {}

    private final HttpClient http;
    private final String base;
    private final String authorization;
    private final Duration ttl;
    private final Duration readTimeout;
    private final Duration connectTimeout;
    private final ObjectMapper json;
    private final Clock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    TokenWorkerAccessTokens(
            InstagramProperties.TokenWorker settings,
            InstagramProperties.Http timeouts,
            ObjectMapper json,
            Clock clock) {
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeouts.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.base = settings.url().strip().replaceAll("/+$", "");
        this.authorization = "Bearer " + settings.internalToken().strip();
        this.ttl = settings.cacheTtl();
        this.readTimeout = timeouts.readTimeout();
        this.connectTimeout = timeouts.connectTimeout();
        this.json = json;
        this.clock = clock;
    }

    @Override
    public Optional<AccessToken> forAccount(String accountId) {
        Instant now = clock.instant();
        Cached cached = cache.get(accountId);
        if (cached != null && now.isBefore(cached.fetchedAt().plus(ttl))) {
            return Optional.of(cached.token());
        }
        Optional<AccessToken> fetched;
        try {
            fetched = fetch(accountId);
        } catch (TokenServiceUnavailableException e) {
            if (cached != null) {
                // Meta has not rejected it, and long-lived tokens last weeks: better than holding the post back
                log.warn(
                        "{}; using the token cached {} ago for account '{}'",
                        e.getMessage(),
                        Duration.between(cached.fetchedAt(), now).toSeconds() + "s",
                        accountId);
                return Optional.of(cached.token());
            }
            throw e;
        }
        fetched.ifPresentOrElse(token -> cache.put(accountId, new Cached(token, now)), () -> cache.remove(accountId));
        return fetched;
    }

    @Override
    public void rejected(String accountId, AccessToken token) {
        // only that value: a newer token fetched meanwhile by another post stays
        if (cache.computeIfPresent(
                        accountId, (account, cached) -> cached.token().equals(token) ? null : cached)
                == null) {
            log.info(
                    "dropped the cached token of account '{}' after Meta rejected it; the next post asks token-worker",
                    accountId);
        }
    }

    private Optional<AccessToken> fetch(String accountId) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/internal/accounts/"
                        + URLEncoder.encode(accountId, StandardCharsets.UTF_8).replace("+", "%20") + "/access-token"))
                .timeout(readTimeout)
                .header("Authorization", authorization)
                .header("Accept", "application/json")
                .GET()
                .build();
        HttpResponse<String> response;
        try {
            // bounded body included: a token-worker that stalls mid-answer must not hold the post's claim
            response = BoundedHttp.send(
                    http, request, HttpResponse.BodyHandlers.ofString(), readTimeout.plus(connectTimeout));
        } catch (HttpTimeoutException e) {
            throw unavailable(accountId, "no answer within " + readTimeout, e);
        } catch (IOException e) {
            throw unavailable(accountId, "connection failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(accountId, "interrupted", e);
        }
        int status = response.statusCode();
        // error bodies are token-worker's {"error": "..."}, safe to quote; a 200 body holds the token and never is
        switch (status) {
            case 200 -> {
                return Optional.of(token(accountId, response.body()));
            }
            case 404 -> {
                log.warn("token-worker has no token for account '{}': {}", accountId, error(response.body()));
                return Optional.empty();
            }
            case 401, 403 ->
                throw unavailable(
                        accountId,
                        "it refused STORYLINE_INTERNAL_TOKEN (HTTP " + status + ": " + error(response.body())
                                + "); both services need the same value",
                        null);
            default -> throw unavailable(accountId, "it answered HTTP " + status, null);
        }
    }

    private AccessToken token(String accountId, String body) {
        String value;
        Long generation;
        try {
            JsonNode answer = json.readTree(body);
            value = answer.path("accessToken").asText("");
            // older token-workers do not say; the fallback then carries no generation
            generation = answer.path("generation").canConvertToLong()
                    ? answer.get("generation").asLong()
                    : null;
        } catch (IOException e) {
            throw unavailable(accountId, "its answer is not JSON", null);
        }
        if (value.isBlank()) {
            throw unavailable(accountId, "its answer has no accessToken", null);
        }
        return new AccessToken(value.strip(), generation);
    }

    private String error(String body) {
        try {
            JsonNode error = json.readTree(body == null ? "" : body).path("error");
            return error.isTextual() ? error.asText() : "(no error message)";
        } catch (IOException e) {
            return "(no error message)";
        }
    }

    private TokenServiceUnavailableException unavailable(String accountId, String why, Throwable cause) {
        String message =
                "could not get the token of account '" + accountId + "' from token-worker at " + base + ": " + why;
        return cause == null
                ? new TokenServiceUnavailableException(message)
                : new TokenServiceUnavailableException(message, cause);
    }
}
