package dev.storyline.console.scheduler;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Where the scheduler's admin API is and how long the console waits for it. Bounded on purpose: a page
 * waits at most connect + request timeout for a scheduler that hangs, then says it is not reachable.
 */
@Validated
@ConfigurationProperties("storyline.console.scheduler")
public record SchedulerApiProperties(
        @NotBlank(message = "set SCHEDULER_URL, e.g. http://scheduler-service:8080")
        @Pattern(
                regexp = "https?://\\S+",
                message = "SCHEDULER_URL must be an http(s) URL, e.g. http://scheduler-service:8080")
        String url,

        @NotBlank(message = "set STORYLINE_ADMIN_TOKEN (the scheduler's admin API token)")
        String adminToken,

        @NotNull(message = "set SCHEDULER_CONNECT_TIMEOUT, e.g. 3s")
        Duration connectTimeout,

        @NotNull(message = "set SCHEDULER_REQUEST_TIMEOUT, e.g. 10s")
        Duration requestTimeout) {

    @Override
    public String toString() {
        return "SchedulerApiProperties[url=" + url + ", adminToken=<redacted>, connectTimeout=" + connectTimeout
                + ", requestTimeout=" + requestTimeout + "]";
    }
}
