package dev.storyline.scheduler.schedule;

import dev.storyline.platform.health.BackgroundLoops;
import dev.storyline.scheduler.SchedulerProperties;
import dev.storyline.scheduler.accounts.Account;
import dev.storyline.scheduler.accounts.Accounts;
import dev.storyline.scheduler.insights.ContentWatch;
import dev.storyline.scheduler.insights.FallbackWatch;
import dev.storyline.scheduler.locks.Locks;
import dev.storyline.scheduler.media.MediaIndexer;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The scheduler's background loops: dispatch (sub-second, for slot precision), planning, indexing
 * and housekeeping. Each tick runs in its own transactions, so a failed tick leaves nothing behind.
 */
@Component
class SchedulerLoops {

    private static final Logger log = LoggerFactory.getLogger(SchedulerLoops.class);

    private final ParallelDispatch dispatch;
    private final SlotPlanner planner;
    private final MediaIndexer indexer;
    private final Accounts accounts;
    private final SchedulerProperties properties;
    private final BackgroundLoops loops;
    private final Locks locks;
    private final StuckPosts stuckPosts;
    private final ContentWatch contentWatch;
    private final FallbackWatch fallbackWatch;

    SchedulerLoops(
            ParallelDispatch dispatch,
            SlotPlanner planner,
            MediaIndexer indexer,
            Accounts accounts,
            SchedulerProperties properties,
            BackgroundLoops loops,
            Locks locks,
            StuckPosts stuckPosts,
            ContentWatch contentWatch,
            FallbackWatch fallbackWatch) {
        this.dispatch = dispatch;
        this.planner = planner;
        this.indexer = indexer;
        this.accounts = accounts;
        this.properties = properties;
        this.loops = loops;
        this.locks = locks;
        this.stuckPosts = stuckPosts;
        this.contentWatch = contentWatch;
        this.fallbackWatch = fallbackWatch;
    }

    /** Loops start once the application is ready: the env account exists by then. */
    @EventListener(ApplicationReadyEvent.class)
    void startLoops() {
        if (!properties.loopsEnabled()) {
            log.warn("scheduler loops are disabled (storyline.scheduler.loops-enabled=false)");
            return;
        }
        every("index", Duration.ZERO, properties.indexInterval(), this::indexAll);
        every("plan", Duration.ofSeconds(1), Duration.ofMinutes(10), this::planAll);
        every("dispatch", Duration.ofSeconds(2), properties.dispatchInterval(), this::dispatch);
        every("housekeeping", Duration.ofSeconds(30), Duration.ofMinutes(5), this::housekeeping);
        // its own loop: a failing housekeeping step must not silence the fallback alert, nor the reverse
        every("fallback-watch", Duration.ofSeconds(45), Duration.ofMinutes(5), fallbackWatch::check);
    }

    private void every(String name, Duration initialDelay, Duration interval, Runnable tick) {
        loops.every(name, initialDelay, interval, interval.multipliedBy(3).plus(Duration.ofMinutes(2)), tick);
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
        contentWatch.check();
    }

    private void dispatch() {
        dispatch.drain(); // everything due before sleeping
    }
}
