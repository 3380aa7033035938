package dev.storyline.telegram.scheduler;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.storyline.platform.admin.AdminApiProperties;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * The scheduler's admin API (JSON over HTTP, {@code Authorization: Bearer STORYLINE_ADMIN_TOKEN}) as
 * the chat commands need it. Every call is bounded by timeouts and every failure comes back as a
 * {@link SchedulerApiException} whose message can be shown in the chat.
 */
@Component
public class SchedulerClient {

    /** The scheduler's own rule for account ids; anything else never reaches a URL. */
    private static final Pattern ACCOUNT_ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Account(
            String id,
            boolean apiEnabled,
            boolean dryRun,
            boolean tokenHealthy,
            boolean paused,
            Instant apiPausedUntil,
            int postsPerDay,
            String timezone) {

        /** Whether the Graph API route can publish right now and, if not, the first reason (the scheduler's order). */
        public ApiState apiState(Instant now) {
            if (!apiEnabled) {
                return ApiState.OFF;
            }
            if (!tokenHealthy) {
                return ApiState.TOKEN_UNHEALTHY;
            }
            if (apiPausedUntil != null && apiPausedUntil.isAfter(now)) {
                return ApiState.RESTING;
            }
            return ApiState.HEALTHY;
        }
    }

    /** The account's API route as the scheduler routes by it (RESTING: after a rate limit, until apiPausedUntil). */
    public enum ApiState {
        OFF,
        TOKEN_UNHEALTHY,
        RESTING,
        HEALTHY
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record QueueEntry(
            UUID id,
            Instant slotAt,
            String category,
            String status,
            String mediaPath,
            String route,
            String routeReason,
            String note) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record HistoryEntry(
            UUID postId,
            String status,
            String method,
            String storyId,
            String postedBy,
            String error,
            boolean dryRun,
            String mediaPath,
            Instant occurredAt) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Lock(
            UUID mediaId, String mediaPath, String reason, Instant lockedUntil, boolean permanent, UUID postId) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Stats(
            String accountId,
            long active,
            long invalid,
            long locked,
            long eligible,
            long published,
            long postedManually,
            long skipped,
            long rejected,
            long failed,
            int postsPerDay,
            Double daysOfContentLeft) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ResumeResult(String accountId, String overdue, int affected) {}

    public enum Overdue {
        DROP,
        RESCHEDULE,
        FORCE
    }

    private final SchedulerApiProperties properties;
    private final AdminApiProperties admin;
    private final ObjectMapper json;
    private final HttpClient http;

    SchedulerClient(SchedulerApiProperties properties, AdminApiProperties admin, ObjectMapper json) {
        this.properties = properties;
        this.admin = admin;
        this.json = json;
        this.http = HttpClient.newBuilder()
                .connectTimeout(properties.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    public static boolean validAccountId(String id) {
        return id != null && ACCOUNT_ID.matcher(id).matches();
    }

    public List<Account> accounts() throws SchedulerApiException {
        return read(call("GET", "/api/accounts"), new TypeReference<>() {});
    }

    public Stats stats(String account) throws SchedulerApiException {
        return read(call("GET", accountPath(account, "/stats")), new TypeReference<>() {});
    }

    public List<QueueEntry> queue(String account, int limit) throws SchedulerApiException {
        return read(call("GET", accountPath(account, "/queue?limit=" + limit)), new TypeReference<>() {});
    }

    public List<HistoryEntry> history(String account, int limit) throws SchedulerApiException {
        return read(call("GET", accountPath(account, "/history?limit=" + limit)), new TypeReference<>() {});
    }

    public List<Lock> locks(String account) throws SchedulerApiException {
        return read(call("GET", accountPath(account, "/locks")), new TypeReference<>() {});
    }

    /** The id of the post the scheduler dispatched now. */
    public String postNext(String account) throws SchedulerApiException {
        return call("POST", accountPath(account, "/post-next")).path("postId").asText();
    }

    public Account pause(String account) throws SchedulerApiException {
        return read(call("POST", accountPath(account, "/pause")), new TypeReference<>() {});
    }

    public ResumeResult resume(String account, Overdue overdue) throws SchedulerApiException {
        return read(call("POST", accountPath(account, "/resume?overdue=" + overdue.name())), new TypeReference<>() {});
    }

    /** How many new slots were planned. */
    public int schedule(String account, int days) throws SchedulerApiException {
        return call("POST", accountPath(account, "/schedule?days=" + days))
                .path("slotsCreated")
                .asInt();
    }

    private static String accountPath(String account, String rest) throws SchedulerApiException {
        if (!validAccountId(account)) {
            throw new SchedulerApiException("'" + account + "' is not an account id");
        }
        return "/api/accounts/" + account + rest;
    }

    private JsonNode call(String method, String path) throws SchedulerApiException {
        if (!admin.configured()) {
            throw new SchedulerApiException(
                    "STORYLINE_ADMIN_TOKEN is not set on telegram-worker; it cannot call the scheduler");
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(properties.baseUrl() + path))
                .timeout(properties.requestTimeout())
                .header("Authorization", "Bearer " + admin.token())
                .header("Accept", "application/json")
                .method(method, HttpRequest.BodyPublishers.noBody())
                .build();
        HttpResponse<String> response;
        // HttpRequest.timeout bounds the wait for the headers only; a body that stalls halfway would hold the
        // poller (and every tap and command behind it) for as long as the server likes. The whole exchange,
        // body included, gets the same bound, and a late one is cancelled.
        CompletableFuture<HttpResponse<String>> exchange =
                http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
        try {
            response = exchange.get(properties.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            exchange.cancel(true);
            throw new SchedulerApiException("the scheduler did not answer in time (" + method + " " + path + ")");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof HttpTimeoutException) {
                throw new SchedulerApiException("the scheduler did not answer in time (" + method + " " + path + ")");
            }
            throw new SchedulerApiException("the scheduler is unreachable at " + properties.baseUrl() + " ("
                    + (e.getCause() == null ? e : e.getCause()).getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            exchange.cancel(true);
            Thread.currentThread().interrupt();
            throw new SchedulerApiException("interrupted while calling the scheduler");
        }
        JsonNode body;
        try {
            body = response.body() == null || response.body().isBlank()
                    ? json.nullNode()
                    : json.readTree(response.body());
        } catch (IOException e) {
            body = null;
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            if (body == null) {
                throw new SchedulerApiException(
                        "the scheduler answered " + method + " " + path + " with something that is not JSON");
            }
            return body;
        }
        String error =
                body != null && body.hasNonNull("error") ? body.get("error").asText() : "HTTP " + status;
        throw new SchedulerApiException(
                switch (status) {
                    case 401, 403 -> "the scheduler refused the admin token (" + error + ")";
                    default -> error;
                });
    }

    private <T> T read(JsonNode body, TypeReference<T> type) throws SchedulerApiException {
        try {
            return json.convertValue(body, type);
        } catch (IllegalArgumentException e) {
            throw new SchedulerApiException("unexpected answer from the scheduler: " + e.getMessage());
        }
    }
}
