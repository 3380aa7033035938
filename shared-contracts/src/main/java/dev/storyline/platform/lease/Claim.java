package dev.storyline.platform.lease;

import java.time.Instant;
import java.util.UUID;

/**
 * One holder's claim on one row of a leased table (see {@link Leases}): the row's key, the token that
 * tells this holder from one that took the row over after the lease lapsed, and when the lease ends
 * unless it is renewed. Every write a holder makes names the token, so a holder whose claim was taken
 * over changes nothing.
 *
 * @param key   the claimed row's key
 * @param token the claim's own id, stored in the row's {@value Leases#TOKEN} while the claim holds it
 * @param until when the lease lapses ({@value Leases#EXPIRY}) as the database last wrote it
 */
public record Claim(UUID key, UUID token, Instant until) {

    public Claim {
        if (key == null || token == null) {
            throw new IllegalArgumentException("a claim names its row and its token");
        }
    }
}
