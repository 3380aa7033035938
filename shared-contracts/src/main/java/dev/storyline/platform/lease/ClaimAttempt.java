package dev.storyline.platform.lease;

/**
 * The answer to "may I work on this row now?".
 *
 * @param <T> the table's row
 */
public sealed interface ClaimAttempt<T> {

    T row();

    /** This holder has the claim and may call out; {@code row} is the row as the claim left it. */
    record Granted<T>(Claim claim, T row) implements ClaimAttempt<T> {}

    /** The row's work is done (its outcome was recorded): nothing more to do. */
    record Finished<T>(T row) implements ClaimAttempt<T> {}

    /** Another holder's lease on the row is live: try again later. */
    record Busy<T>(T row) implements ClaimAttempt<T> {}
}
