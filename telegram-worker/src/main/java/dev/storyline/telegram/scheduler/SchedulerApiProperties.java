package dev.storyline.telegram.scheduler;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Where the chat commands find the scheduler's admin API. The bearer token is the shared
 * {@code STORYLINE_ADMIN_TOKEN} ({@code storyline.admin.token}).
 *
 * @param url            SCHEDULER_URL: scheme, host and port of scheduler-service
 * @param connectTimeout SCHEDULER_CONNECT_TIMEOUT
 * @param requestTimeout SCHEDULER_REQUEST_TIMEOUT: one whole call; the poller waits for it, so keep it short
 */
@Validated
@ConfigurationProperties("storyline.telegram.scheduler")
public record SchedulerApiProperties(
        @NotBlank(message = "set SCHEDULER_URL (default http://scheduler-service:8080)")
        @Pattern(
                regexp = "https?://\\S+",
                message = "SCHEDULER_URL must be an http(s) URL such as http://scheduler-service:8080")
        String url,

        @NotNull(message = "set SCHEDULER_CONNECT_TIMEOUT (e.g. 3s)")
        Duration connectTimeout,

        @NotNull(message = "set SCHEDULER_REQUEST_TIMEOUT (e.g. 10s)")
        Duration requestTimeout) {

    public String baseUrl() {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
