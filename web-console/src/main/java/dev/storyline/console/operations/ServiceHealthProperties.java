package dev.storyline.console.operations;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Where each service answers its readiness probe: actuator's {@code /actuator/health/readiness} on the
 * service's management port (MANAGEMENT_PORT, 9080 to 9084), which is never published outside the host
 * or container network, so the console reaches it there. No token is sent: the probes need none.
 */
@Validated
@ConfigurationProperties("storyline.console.health")
public record ServiceHealthProperties(
        @NotBlank(message = "set SCHEDULER_READINESS_URL, e.g. http://scheduler-service:9080/actuator/health/readiness")
        @Pattern(regexp = URL, message = "SCHEDULER_READINESS_URL must be an http(s) URL")
        String schedulerService,

        @NotBlank(message = "set UPLOAD_WORKER_READINESS_URL, e.g. http://upload-worker:9081/actuator/health/readiness")
        @Pattern(regexp = URL, message = "UPLOAD_WORKER_READINESS_URL must be an http(s) URL")
        String uploadWorker,

        @NotBlank(
                message =
                        "set INSTAGRAM_WORKER_READINESS_URL, e.g. http://instagram-worker:9082/actuator/health/readiness")
        @Pattern(regexp = URL, message = "INSTAGRAM_WORKER_READINESS_URL must be an http(s) URL")
        String instagramWorker,

        @NotBlank(
                message =
                        "set TELEGRAM_WORKER_READINESS_URL, e.g. http://telegram-worker:9083/actuator/health/readiness")
        @Pattern(regexp = URL, message = "TELEGRAM_WORKER_READINESS_URL must be an http(s) URL")
        String telegramWorker,

        @NotBlank(message = "set TOKEN_WORKER_READINESS_URL, e.g. http://token-worker:9084/actuator/health/readiness")
        @Pattern(regexp = URL, message = "TOKEN_WORKER_READINESS_URL must be an http(s) URL")
        String tokenWorker,

        @NotNull(message = "set HEALTH_CHECK_TIMEOUT, e.g. 2s")
        Duration timeout) {

    static final String URL = "https?://\\S+";

    /** The five services by the name the page shows, in the order of the pipeline. */
    Map<String, String> byService() {
        Map<String, String> services = new LinkedHashMap<>();
        services.put("scheduler-service", schedulerService);
        services.put("upload-worker", uploadWorker);
        services.put("instagram-worker", instagramWorker);
        services.put("telegram-worker", telegramWorker);
        services.put("token-worker", tokenWorker);
        return services;
    }
}
