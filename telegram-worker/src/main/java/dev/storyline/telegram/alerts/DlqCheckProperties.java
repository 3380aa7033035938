package dev.storyline.telegram.alerts;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * @param enabled  TELEGRAM_DLQ_CHECK_ENABLED
 * @param interval TELEGRAM_DLQ_CHECK_INTERVAL: how often every work queue's {@code .dlq} is looked at
 */
@Validated
@ConfigurationProperties("storyline.telegram.dlq-check")
public record DlqCheckProperties(
        boolean enabled,

        @NotNull(message = "set TELEGRAM_DLQ_CHECK_INTERVAL (e.g. 5m)")
        Duration interval) {

    public DlqCheckProperties {
        if (interval != null && (interval.isNegative() || interval.isZero())) {
            throw new IllegalArgumentException("TELEGRAM_DLQ_CHECK_INTERVAL must be positive");
        }
    }
}
