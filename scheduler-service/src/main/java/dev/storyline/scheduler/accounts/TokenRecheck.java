package dev.storyline.scheduler.accounts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.storyline.platform.admin.AdminApiProperties;
import dev.storyline.platform.health.BackgroundLoops;
import dev.storyline.scheduler.SchedulerProperties;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Every {@code TOKEN_RECHECK_INTERVAL}, asks token-worker about each API account whose token the scheduler
 * believes unhealthy, and applies the answer as one more versioned signal ({@link ApiHealth}): a token
 * stored after the failure (a newer generation) turns the account healthy again even if the event that said
 * so was lost; an answer about the very token that failed changes nothing.
 */
@Component
public class TokenRecheck {

    private static final Logger log = LoggerFactory.getLogger(TokenRecheck.class);

    private final Accounts accounts;
    private final TransactionTemplate transactions;
    private final TokenWorkerProperties tokenWorker;
    private final AdminApiProperties admin;
    private final SchedulerProperties properties;
    private final BackgroundLoops loops;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http;

    public TokenRecheck(
            Accounts accounts,
            TransactionTemplate transactions,
            TokenWorkerProperties tokenWorker,
            AdminApiProperties admin,
            SchedulerProperties properties,
            BackgroundLoops loops,
            Clock clock) {
        this.accounts = accounts;
        this.transactions = transactions;
        this.tokenWorker = tokenWorker;
        this.admin = admin;
        this.properties = properties;
        this.loops = loops;
        this.clock = clock;
        this.http =
                HttpClient.newBuilder().connectTimeout(tokenWorker.timeout()).build();
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        if (!properties.loopsEnabled() || !tokenWorker.enabled()) {
            return;
        }
        if (!admin.configured()) {
            log.warn("TOKEN_WORKER_URL is set but STORYLINE_ADMIN_TOKEN is not: unhealthy tokens are not re-checked");
            return;
        }
        Duration interval = tokenWorker.recheckInterval();
        loops.every(
                "token-recheck",
                interval,
                interval,
                interval.multipliedBy(3).plus(Duration.ofMinutes(2)),
                this::recheckAll);
    }

    /** One pass; answers how many accounts turned healthy. */
    public int recheckAll() {
        int healed = 0;
        for (String account : accounts.withUnhealthyToken()) {
            try {
                Optional<ApiHealth.Signal> signal = ask(account);
                if (signal.isPresent()) {
                    Optional<ApiHealth> state = transactions.execute(
                            status -> accounts.applyApiSignal(account, signal.get(), properties.rateLimitPause()));
                    if (state != null && state.isPresent() && state.get().tokenHealthy()) {
                        healed++;
                        log.info(
                                "token of account '{}' is healthy again according to token-worker (generation {})",
                                account,
                                signal.get().generation());
                    }
                }
            } catch (RuntimeException e) {
                log.warn("could not re-check the token of account '{}' with token-worker: {}", account, e.getMessage());
            }
        }
        return healed;
    }

    private Optional<ApiHealth.Signal> ask(String account) {
        URI uri = URI.create(tokenWorker.url().strip().replaceAll("/+$", "") + "/api/accounts/"
                + URLEncoder.encode(account, StandardCharsets.UTF_8).replace("+", "%20") + "/token");
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(tokenWorker.timeout())
                .header("Authorization", "Bearer " + admin.token())
                .header("Accept", "application/json")
                .GET()
                .build();
        HttpResponse<String> response;
        try {
            // bounds the whole exchange, body included (the request timeout covers the headers only)
            response = http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                    .get(tokenWorker.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        } catch (Exception e) {
            throw new IllegalStateException(
                    uri.getHost() + " did not answer within " + tokenWorker.timeout() + ": " + e);
        }
        if (response.statusCode() == 404) {
            return Optional.empty(); // no token at all: nothing newer to learn
        }
        if (response.statusCode() != 200) {
            throw new IllegalStateException("token-worker answered " + response.statusCode());
        }
        JsonNode body;
        try {
            body = json.readTree(response.body());
        } catch (Exception e) {
            throw new IllegalStateException("token-worker's answer is not JSON");
        }
        Long generation = body.hasNonNull("generation") ? body.get("generation").asLong() : null;
        if (body.path("valid").asBoolean(false)) {
            Instant storedAt = instant(body.path("valueStoredAt")).orElse(null);
            if (storedAt == null) {
                return Optional.empty();
            }
            return Optional.of(new ApiHealth.Signal(ApiHealth.Kind.TOKEN_OK, generation, storedAt));
        }
        Instant failedAt = instant(body.path("refreshFailedAt"))
                .or(() -> instant(body.path("revokedAt")))
                .orElse(clock.instant());
        return Optional.of(new ApiHealth.Signal(ApiHealth.Kind.TOKEN_FAILED, generation, failedAt));
    }

    private static Optional<Instant> instant(JsonNode node) {
        if (node == null || !node.isTextual()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(node.asText()));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
