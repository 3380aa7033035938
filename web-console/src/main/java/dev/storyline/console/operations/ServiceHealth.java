package dev.storyline.console.operations;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Asks the five services' readiness probes, all at once and each bounded by the timeout, so the page waits
 * at most one timeout however many services hang. Up is 200; down is 503 (actuator's answer for a service
 * that is not ready) or a refused connection (nothing listens); anything else is unknown. The reason is
 * a short sentence, never an exception.
 */
@Component
class ServiceHealth {

    enum State {
        UP,
        DOWN,
        UNKNOWN;

        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    record Status(String service, State state, String detail) {}

    private static final Logger log = LoggerFactory.getLogger(ServiceHealth.class);

    private final ServiceHealthProperties properties;
    private final HttpClient http;

    ServiceHealth(ServiceHealthProperties properties) {
        this.properties = properties;
        this.http = HttpClient.newBuilder()
                .connectTimeout(properties.timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    List<Status> check() {
        List<CompletableFuture<Status>> checks = new ArrayList<>();
        for (Map.Entry<String, String> service : properties.byService().entrySet()) {
            checks.add(check(service.getKey(), service.getValue()));
        }
        return checks.stream().map(CompletableFuture::join).toList();
    }

    private CompletableFuture<Status> check(String service, String url) {
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(url))
                    .timeout(properties.timeout())
                    .GET()
                    .build();
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(
                    new Status(service, State.UNKNOWN, "its readiness address is not a valid URL"));
        }
        return http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                .thenApply(response -> switch (response.statusCode()) {
                    case 200 -> new Status(service, State.UP, "ready");
                    case 503 -> new Status(service, State.DOWN, "running but not ready");
                    default -> new Status(service, State.UNKNOWN, "its probe answered HTTP " + response.statusCode());
                })
                .exceptionally(failure -> {
                    Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                            ? failure.getCause()
                            : failure;
                    log.info("readiness of {} not read: {}", service, cause.toString());
                    if (cause instanceof ConnectException) {
                        return new Status(service, State.DOWN, "not answering (nothing listens)");
                    }
                    if (cause instanceof java.net.http.HttpTimeoutException) {
                        return new Status(
                                service,
                                State.UNKNOWN,
                                "no answer within " + properties.timeout().toSeconds() + " s");
                    }
                    return new Status(
                            service,
                            State.UNKNOWN,
                            cause instanceof IOException ? "the connection failed" : "not checked");
                });
    }
}
