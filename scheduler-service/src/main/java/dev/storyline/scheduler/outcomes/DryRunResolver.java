package dev.storyline.scheduler.outcomes;

import dev.storyline.platform.health.BackgroundLoops;
import dev.storyline.scheduler.SchedulerProperties;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * In dry-run there is no bot to tap, so a post routed to a person would wait for ever: after
 * {@code DRY_RUN_MANUAL_RESOLVE_AFTER} the scheduler marks it posted by "dry-run" itself. Accounts
 * that publish for real are never touched.
 */
@Component
class DryRunResolver {

    private static final Logger log = LoggerFactory.getLogger(DryRunResolver.class);

    private final ManualResolutions resolutions;
    private final BackgroundLoops loops;
    private final SchedulerProperties scheduler;
    private final DryRunProperties properties;

    DryRunResolver(
            ManualResolutions resolutions,
            BackgroundLoops loops,
            SchedulerProperties scheduler,
            DryRunProperties properties) {
        this.resolutions = resolutions;
        this.loops = loops;
        this.scheduler = scheduler;
        this.properties = properties;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        if (!scheduler.loopsEnabled()
                || properties.manualResolveAfter().isZero()
                || properties.manualResolveAfter().isNegative()) {
            return;
        }
        Duration every = Duration.ofSeconds(5);
        loops.every(
                "dry-run-resolve",
                Duration.ofSeconds(5),
                every,
                every.multipliedBy(3).plus(Duration.ofMinutes(2)),
                () -> {
                    int resolved = resolutions.resolveDryRunManualPosts(properties.manualResolveAfter());
                    if (resolved > 0) {
                        log.info(
                                "dry-run: {} manual post(s) marked posted after {}",
                                resolved,
                                properties.manualResolveAfter());
                    }
                });
    }
}
