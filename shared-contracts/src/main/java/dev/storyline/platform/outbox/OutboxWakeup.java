package dev.storyline.platform.outbox;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Lets a committed transaction nudge the relay so an event leaves within milliseconds instead of
 * waiting for the next poll; the poll remains the safety net for other instances' rows.
 */
public class OutboxWakeup {

    private final Semaphore signal = new Semaphore(0);

    public void signal() {
        if (signal.availablePermits() == 0) {
            signal.release();
        }
    }

    void await(Duration timeout) throws InterruptedException {
        if (signal.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            signal.drainPermits();
        }
    }
}
