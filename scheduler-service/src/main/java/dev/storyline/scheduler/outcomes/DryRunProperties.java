package dev.storyline.scheduler.outcomes;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** @param manualResolveAfter {@code DRY_RUN_MANUAL_RESOLVE_AFTER}: a dry-run manual post is marked posted after this (0: never) */
@Validated
@ConfigurationProperties("storyline.dry-run")
public record DryRunProperties(
        @NotNull(message = "set DRY_RUN_MANUAL_RESOLVE_AFTER to a duration such as 30s (0 turns it off)")
        Duration manualResolveAfter) {}
