package dev.storyline.platform.outbox;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

@ConfigurationProperties("storyline.outbox")
public record OutboxProperties(
        @DefaultValue("200") int batchSize,
        @DefaultValue("500ms") Duration pollInterval,
        @DefaultValue("10s") Duration confirmTimeout,
        @DefaultValue("2s") Duration errorBackoff,
        @DefaultValue("7d") Duration retention) {

    public OutboxProperties {
        if (batchSize < 1) {
            throw new IllegalArgumentException("storyline.outbox.batch-size must be at least 1");
        }
    }
}
