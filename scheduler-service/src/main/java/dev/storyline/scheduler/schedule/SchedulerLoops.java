package dev.storyline.scheduler.schedule;

import dev.storyline.contracts.health.LoopHealth;
import dev.storyline.contracts.inbox.Inbox;
import dev.storyline.scheduler.insights.ContentWatch;
import dev.storyline.scheduler.locks.Locks;
import dev.storyline.scheduler.SchedulerProperties;
import dev.storyline.scheduler.accounts.Account;
import dev.storyline.scheduler.accounts.Accounts;
import dev.storyline.scheduler.media.MediaIndexer;
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
 * The scheduler's background loops: dispatch (sub-second, for slot precision), planning and
 * indexing. Each tick runs in its own transaction and catches its own failure, so one bad tick
 * never stops the loop (LESSONS 17); each beats {@link LoopHealth}, so a stalled loop shows in
 * liveness (LESSONS 18).
 */
@Component
class SchedulerLoops implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SchedulerLoops.class);

    private final Dispatcher dispatcher;
    private final SlotPlanner planner;
    private final MediaIndexer indexer;
    private final Accounts accounts;
    private final SchedulerProperties properties;
    private final LoopHealth loops;
    private final Locks locks;
    private final StuckPosts stuckPosts;
    private final Inbox inbox;
    private final ContentWatch contentWatch;
    private ScheduledExecutorService executor;
    private volatile boolean running;

    SchedulerLoops(Dispatcher dispatcher, SlotPlanner planner, MediaIndexer indexer, Accounts accounts,
                   SchedulerProperties properties, LoopHealth loops, Locks locks, StuckPosts stuckPosts, Inbox inbox,
                   ContentWatch contentWatch) {
        this.dispatcher = dispatcher;
        this.planner = planner;
        this.indexer = indexer;
        this.accounts = accounts;
        this.properties = properties;
        this.loops = loops;
        this.locks = locks;
        this.stuckPosts = stuckPosts;
        this.inbox = inbox;
        this.contentWatch = contentWatch;
    }

    /** Loops start once the application is ready: the env account exists by then. */
    @EventListener(ApplicationReadyEvent.class)
    void startLoops() {
        if (!properties.loopsEnabled()) {
            log.warn("scheduler loops are disabled (storyline.scheduler.loops-enabled=false)");
            return;
        }
        executor = Executors.newScheduledThreadPool(2, Thread.ofPlatform().name("scheduler-loop-", 0).daemon(true).factory());
        schedule("index", this::indexAll, Duration.ZERO, properties.indexInterval());
        schedule("plan", this::planAll, Duration.ofSeconds(1), Duration.ofMinutes(10));
        schedule("dispatch", this::dispatch, Duration.ofSeconds(2), properties.dispatchInterval());
        schedule("housekeeping", this::housekeeping, Duration.ofSeconds(30), Duration.ofMinutes(5));
        running = true;
    }

    private void schedule(String name, Runnable tick, Duration initialDelay, Duration interval) {
        loops.register(name, interval.multipliedBy(3).plus(Duration.ofMinutes(2)));
        executor.scheduleWithFixedDelay(() -> {
            try {
                tick.run();
            } catch (RuntimeException e) {
                log.error("{} tick failed; the loop goes on", name, e);
            } finally {
                loops.beat(name);
            }
        }, initialDelay.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void indexAll() {
        for (Account account : accounts.all()) {
            indexer.index(account);
        }
    }

    private void planAll() {
        for (Account account : accounts.all()) {
            planner.planAhead(account, properties.planDaysAhead());
        }
    }

    private void housekeeping() {
        locks.deleteExpired();
        stuckPosts.reportNew();
        inbox.forgetOlderThan(Duration.ofDays(30));
        contentWatch.check();
    }

    private void dispatch() {
        while (dispatcher.dispatchDue() > 0) {
            // drain everything due before sleeping
        }
    }

    @Override
    public void start() {
        // started by startLoops() once the application is ready
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
