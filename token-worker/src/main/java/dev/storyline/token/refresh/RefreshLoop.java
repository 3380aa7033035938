package dev.storyline.token.refresh;

import dev.storyline.contracts.health.LoopHealth;
import dev.storyline.token.TokenProperties;
import dev.storyline.token.health.TokenMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The refresh is scheduled, not just written (LESSONS 20). Each tick catches its own failure so
 * one bad tick never stops the loop, and beats {@link LoopHealth} so a stalled loop fails liveness.
 */
@Component
class RefreshLoop implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RefreshLoop.class);
    private static final String NAME = "token-refresh";

    private final TokenRefresher refresher;
    private final TokenMetrics metrics;
    private final TokenProperties properties;
    private final LoopHealth loops;
    private ScheduledExecutorService executor;
    private volatile boolean running;

    RefreshLoop(TokenRefresher refresher, TokenMetrics metrics, TokenProperties properties, LoopHealth loops) {
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
        executor = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("token-refresh").daemon(true).factory());
        // a refresh can take several retried HTTP calls per token; allow for them before calling the loop stalled
        loops.register(NAME, interval.multipliedBy(3).plus(Duration.ofMinutes(10)));
        executor.scheduleWithFixedDelay(this::tick, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        running = true;
        log.info("token refresh loop runs every {} (buffer {}, minimum age {})", interval, properties.refreshBuffer(),
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
        } catch (RuntimeException e) {
            log.error("token refresh tick failed; the loop goes on", e);
        } finally {
            try {
                metrics.update();
            } catch (RuntimeException e) {
                log.warn("token metrics update failed: {}", e.toString());
            }
            loops.beat(NAME);
        }
    }

    @Override
    public void start() {
        // started by startLoop() once the application is ready
    }

    @Override
    public void stop() {
        running = false;
        if (executor != null) {
            executor.shutdown();
            try {
                executor.awaitTermination(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
