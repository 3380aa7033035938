package dev.storyline.platform.retention;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Prunes the finished rows of every {@link RetentionTarget} in batches: each batch is its own statement
 * and commit, so pruning a large backlog never holds locks long, and a run stops after
 * {@link #MAX_BATCHES_PER_RUN} batches per table to leave the database to the real work; the next run
 * goes on. History tables are never targets.
 */
public class Retention implements SmartLifecycle {

    static final int MAX_BATCHES_PER_RUN = 500;
    private static final Logger log = LoggerFactory.getLogger(Retention.class);

    private final List<RetentionTarget> targets;
    private final RetentionProperties properties;
    private final Clock clock;
    private final MeterRegistry meters;
    private ScheduledExecutorService executor;

    public Retention(List<RetentionTarget> targets, RetentionProperties properties, Clock clock, MeterRegistry meters) {
        this.targets = List.copyOf(targets);
        this.properties = properties;
        this.clock = clock;
        this.meters = meters;
    }

    public List<RetentionTarget> targets() {
        return targets;
    }

    /** One pass over every table; returns rows deleted per table. A failing table does not stop the others. */
    public Map<String, Integer> pruneOnce() {
        Map<String, Integer> deleted = new LinkedHashMap<>();
        for (RetentionTarget target : targets) {
            try {
                int rows = prune(target);
                deleted.put(target.table(), rows);
                if (rows > 0) {
                    meters.counter("storyline_retention_deleted_total", "table", target.table())
                            .increment(rows);
                    log.info(
                            "retention: deleted {} rows of {} finished more than {} ago",
                            rows,
                            target.table(),
                            target.keep());
                }
            } catch (RuntimeException e) {
                log.warn("retention: pruning {} failed, will retry on the next run: {}", target.table(), e.toString());
            }
        }
        return deleted;
    }

    int prune(RetentionTarget target) {
        Instant cutoff = clock.instant().minus(target.keep());
        int limit = properties.batchSize();
        int total = 0;
        for (int batch = 0; batch < MAX_BATCHES_PER_RUN; batch++) {
            int rows = target.delete().delete(cutoff, limit);
            total += rows;
            if (rows < limit) {
                break;
            }
        }
        return total;
    }

    private void run() {
        try {
            pruneOnce();
        } catch (Throwable t) {
            if (t instanceof VirtualMachineError error) {
                throw error;
            }
            // a scheduled task that throws is never run again: log and keep the schedule alive
            log.error("retention run failed", t);
        }
    }

    @Override
    public void start() {
        if (!properties.enabled()) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("retention").daemon(true).factory());
        long interval = properties.interval().toMillis();
        // first run a little after start-up, not in the middle of it
        executor.scheduleWithFixedDelay(this::run, Math.min(interval, 60_000), interval, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    @Override
    public boolean isRunning() {
        return executor != null;
    }
}
