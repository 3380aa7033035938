package dev.storyline.platform.health;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Every service's periodic work (dispatch, planning, token refresh, upload sweep…). Each tick catches
 * its own failure, Errors included, so one bad tick never stops the loop; only a
 * {@link VirtualMachineError} ends the process ({@link FatalErrors}). A tick that completes beats
 * {@link LoopHealth}, so a loop that stalls or keeps failing turns liveness and readiness DOWN.
 * Stops with the application, letting a running tick finish.
 */
public class BackgroundLoops implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(BackgroundLoops.class);

    private final LoopHealth health;
    private final ScheduledThreadPoolExecutor executor;
    private final Set<String> names = ConcurrentHashMap.newKeySet();
    private volatile boolean running = true;

    public BackgroundLoops(LoopHealth health) {
        this.health = health;
        this.executor = new ScheduledThreadPoolExecutor(
                1, Thread.ofPlatform().name("loop-", 0).daemon(true).factory());
    }

    /**
     * Runs {@code tick} every {@code interval} (fixed delay) after {@code initialDelay}; liveness fails
     * when no tick has completed for {@code maxSilence}.
     */
    public void every(String name, Duration initialDelay, Duration interval, Duration maxSilence, Runnable tick) {
        if (!names.add(name)) {
            throw new IllegalStateException("loop " + name + " is already running");
        }
        health.register(name, maxSilence);
        // a thread per loop: a long index run must not delay the sub-second dispatch tick
        executor.setCorePoolSize(names.size());
        executor.scheduleWithFixedDelay(
                () -> {
                    try {
                        tick.run();
                        health.beat(name);
                    } catch (VirtualMachineError e) {
                        FatalErrors.exit(log, "loop " + name, e);
                    } catch (Throwable e) {
                        // An Error escaping would end the loop for good: the executor suppresses every later run.
                        log.error("{} tick failed; the loop goes on", name, e);
                    }
                },
                initialDelay.toMillis(),
                interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    @Override
    public void start() {
        // loops start when a service calls every(...), typically once the application is ready
    }

    @Override
    public void stop() {
        running = false;
        executor.shutdown();
        try {
            if (!executor.awaitTermination(20, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        names.forEach(health::unregister);
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
