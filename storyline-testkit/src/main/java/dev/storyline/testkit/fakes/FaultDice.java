package dev.storyline.testkit.fakes;

import java.util.Random;

/**
 * The seeded dice behind a fake's background faults: each roll fails with the configured probability,
 * and every failure is counted and numbered, so a fake can vary its kind of failure and a test can
 * report how many were played. Seeded, so a failing run can be replayed.
 */
final class FaultDice {

    private double rate;
    private Random random = new Random(0);
    private int played;

    synchronized void set(double rate, long seed) {
        this.random = new Random(seed);
        this.rate = rate;
    }

    /** 0 for no fault; otherwise the fault's number, 1, 2, 3… */
    synchronized int roll() {
        if (rate <= 0 || random.nextDouble() >= rate) {
            return 0;
        }
        return ++played;
    }

    /** A second draw for a fault just rolled, for fakes with two kinds of failure. */
    synchronized boolean coin() {
        return random.nextBoolean();
    }

    synchronized int played() {
        return played;
    }
}
