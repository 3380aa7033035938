package dev.storyline.platform.consuming;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Retry with backoff through the broker's delay queues (one per backoff step, see Topology): attempt n
 * waits {@code initialBackoff * multiplier^(n-1)}, capped at {@code maxBackoff} and rounded up to a step; after {@code maxAttempts}
 * the message goes to {@code <queue>.dlq}.
 */
@ConfigurationProperties("storyline.consumer")
public record ConsumerProperties(
        @DefaultValue("6") int maxAttempts,
        @DefaultValue("1s") Duration initialBackoff,
        @DefaultValue("2.0") double multiplier,
        @DefaultValue("60s") Duration maxBackoff,
        @DefaultValue("30s") Duration shutdownTimeout) {

    public ConsumerProperties {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("storyline.consumer.max-attempts must be at least 1");
        }
        if (multiplier < 1.0) {
            throw new IllegalArgumentException("storyline.consumer.multiplier must be at least 1.0");
        }
    }

    public Duration backoffBefore(int attempt) {
        double millis = initialBackoff.toMillis() * Math.pow(multiplier, Math.max(0, attempt - 2));
        return Duration.ofMillis((long) Math.min(millis, maxBackoff.toMillis()));
    }
}
