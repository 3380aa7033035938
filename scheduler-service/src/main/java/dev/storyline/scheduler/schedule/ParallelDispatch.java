package dev.storyline.scheduler.schedule;

import dev.storyline.scheduler.SchedulerProperties;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Drains what is due with {@code DISPATCH_THREADS} threads at once. One thread spends most of a slot
 * waiting on PostgreSQL round trips, so a burst (many accounts due together) was limited by latency,
 * not by CPU; each thread runs {@link Dispatcher#dispatchDue()} batches on accounts the others do not
 * hold, until none is left for it.
 */
@Component
public class ParallelDispatch implements DisposableBean {

    private final Dispatcher dispatcher;
    private final int threads;
    private final ExecutorService pool;

    public ParallelDispatch(Dispatcher dispatcher, SchedulerProperties properties) {
        this.dispatcher = dispatcher;
        this.threads = properties.dispatchThreads();
        this.pool = Executors.newFixedThreadPool(
                threads, Thread.ofPlatform().name("dispatch-", 0).daemon(true).factory());
    }

    /**
     * Dispatches everything due and returns how many slots were handled. Waits for every thread, then
     * rethrows the first failure: one thread's failed batch is rolled back alone and the others' commit.
     */
    public int drain() {
        List<Future<Integer>> runs = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            runs.add(pool.submit(this::drainAlone));
        }
        int handled = 0;
        RuntimeException failure = null;
        for (Future<Integer> run : runs) {
            try {
                handled += run.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while dispatching", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof Error error) {
                    throw error; // an OutOfMemoryError must reach the loop's fatal-error handling as it is
                }
                if (failure == null) {
                    failure = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
        return handled;
    }

    private int drainAlone() {
        int handled = 0;
        for (int batch; (batch = dispatcher.dispatchDue()) > 0; ) {
            handled += batch;
        }
        return handled;
    }

    @Override
    public void destroy() throws InterruptedException {
        pool.shutdown();
        if (!pool.awaitTermination(20, TimeUnit.SECONDS)) {
            pool.shutdownNow();
        }
    }
}
