package dev.storyline.instagram.publishing;

/** The answer to "may I work on this post now?". */
sealed interface Claim {

    Publication publication();

    /** This worker holds the lease and may call the Graph API. */
    record Granted(Publication publication) implements Claim {
    }

    /** The post is PUBLISHED or FAILED: its outcome has been emitted, nothing more to do. */
    record Finished(Publication publication) implements Claim {
    }

    /** Another worker holds a live lease on the post; try again later. */
    record Busy(Publication publication) implements Claim {
    }
}
