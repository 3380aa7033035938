package dev.storyline.testkit;

import java.time.Duration;
import java.util.function.Supplier;

/** Polls until a condition holds: asynchronous effects are asserted, never slept for. */
public final class Eventually {

    private Eventually() {}

    public static <T> T await(Duration timeout, String what, Supplier<T> value, java.util.function.Predicate<T> done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        T last = null;
        RuntimeException lastError = null;
        while (System.nanoTime() < deadline) {
            try {
                last = value.get();
                if (done.test(last)) {
                    return last;
                }
                lastError = null;
            } catch (RuntimeException e) {
                lastError = e;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what);
            }
        }
        AssertionError error =
                new AssertionError("timed out after " + timeout + " waiting for " + what + "; last value: " + last);
        if (lastError != null) {
            error.initCause(lastError);
        }
        throw error;
    }

    /** Waits until the supplier finds something, and returns it. */
    public static <T> T awaitValue(Duration timeout, String what, Supplier<java.util.Optional<T>> value) {
        return await(timeout, what, value, java.util.Optional::isPresent).orElseThrow();
    }

    public static void await(Duration timeout, String what, Supplier<Boolean> condition) {
        await(timeout, what, condition, Boolean.TRUE::equals);
    }
}
