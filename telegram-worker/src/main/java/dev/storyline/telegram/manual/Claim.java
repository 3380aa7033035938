package dev.storyline.telegram.manual;

/** The answer to "may I send this post now?". */
sealed interface Claim {

    /** This worker holds the post and sends it. */
    record Granted(ManualPost post) implements Claim {
    }

    /** Already sent, resolved or failed: a redelivery or duplicate request has nothing to do. */
    record Finished(ManualPost post) implements Claim {
    }

    /** Another worker holds a live claim and is sending it right now. */
    record Busy(ManualPost post) implements Claim {
    }
}
