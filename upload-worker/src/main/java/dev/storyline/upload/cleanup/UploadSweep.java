package dev.storyline.upload.cleanup;

import dev.storyline.contracts.health.LoopHealth;
import dev.storyline.upload.UploadProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs the retention sweep every CLOUD_UPLOAD_SWEEP_INTERVAL. The loop beats {@link LoopHealth} after
 * each completed run, so a sweep that keeps failing (e.g. no database) turns liveness DOWN.
 */
@Component
class UploadSweep implements SmartLifecycle {

    static final String LOOP = "upload-sweep";
    private static final Logger log = LoggerFactory.getLogger(UploadSweep.class);

    private final HostedCopies copies;
    private final LoopHealth loops;
    private final Duration interval;
    private ScheduledExecutorService executor;

    UploadSweep(HostedCopies copies, LoopHealth loops, UploadProperties properties) {
        this.copies = copies;
        this.loops = loops;
        this.interval = properties.sweepInterval();
    }

    @Override
    public synchronized void start() {
        loops.register(LOOP, interval.multipliedBy(3).plusMinutes(5));
        executor = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name(LOOP).daemon().factory());
        executor.scheduleWithFixedDelay(this::runOnce, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    void runOnce() {
        try {
            copies.sweep();
            loops.beat(LOOP);
        } catch (RuntimeException e) {
            log.error("upload sweep failed", e);
        }
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
        loops.unregister(LOOP);
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }
}
