package dev.storyline.token.refresh;

import dev.storyline.platform.health.BackgroundLoops;
import dev.storyline.token.TokenProperties;
import dev.storyline.token.health.TokenMetrics;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** The refresh is scheduled, not just written. */
@Component
class RefreshLoop {

    private static final Logger log = LoggerFactory.getLogger(RefreshLoop.class);
    private static final String NAME = "token-refresh";

    private final TokenRefresher refresher;
    private final TokenMetrics metrics;
    private final TokenProperties properties;
    private final BackgroundLoops loops;

    RefreshLoop(TokenRefresher refresher, TokenMetrics metrics, TokenProperties properties, BackgroundLoops loops) {
        this.refresher = refresher;
        this.metrics = metrics;
        this.properties = properties;
        this.loops = loops;
    }

    /** Starts once the application is ready, i.e. after the environment token has been taken in. */
    @EventListener(ApplicationReadyEvent.class)
    void startLoop() {
        if (!properties.loopsEnabled()) {
            log.warn("token refresh loop is disabled (storyline.token.loops-enabled=false)");
            return;
        }
        Duration interval = properties.refreshInterval();
        // a refresh can take several retried HTTP calls per token; allow for them before calling the loop stalled
        loops.every(NAME, Duration.ZERO, interval, interval.multipliedBy(3).plus(Duration.ofMinutes(10)), this::tick);
        log.info(
                "token refresh loop runs every {} (buffer {}, minimum age {})",
                interval,
                properties.refreshBuffer(),
                properties.minimumAge());
    }

    private void tick() {
        try {
            RefreshResult result = refresher.refreshDue();
            if (result.lockBusy()) {
                log.debug("another token-worker is refreshing; skipping this tick");
            } else if (result.refreshed() + result.failed() > 0) {
                log.info("token refresh pass: {} refreshed, {} failed", result.refreshed(), result.failed());
            }
        } finally {
            try {
                metrics.update();
            } catch (RuntimeException e) {
                log.warn("token metrics update failed: {}", e.toString());
            }
        }
    }
}
