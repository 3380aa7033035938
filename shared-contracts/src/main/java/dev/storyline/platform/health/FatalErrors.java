package dev.storyline.platform.health;

import org.slf4j.Logger;

/**
 * What a service does with a {@link VirtualMachineError} (out of memory, stack overflow) caught in its
 * own threads: log it, then end the process so the orchestrator starts a fresh one. Any other Error is
 * the failure of one tick or one message and is handled where it was caught.
 */
public final class FatalErrors {

    /** Exit status of a process ended by a fatal error (the same as Spring AMQP's for a consumer thread). */
    public static final int EXIT_STATUS = 99;

    private FatalErrors() {}

    public static void exit(Logger log, String where, VirtualMachineError error) {
        log.error("{}: the JVM cannot go on ({}); ending the process", where, error.toString(), error);
        // From a thread of its own: System.exit waits for the shutdown hooks, which wait for this
        // thread's executor to finish.
        Thread.ofPlatform().name("fatal-error-exit").start(() -> System.exit(EXIT_STATUS));
    }
}
