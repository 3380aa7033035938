package dev.storyline.token.refresh;

import dev.storyline.token.crypto.AccessToken;
import java.time.Instant;

/** What Meta gave back: the new token and its expiry ({@code expiryAssumed} when Meta did not say). */
public record Refreshed(AccessToken token, Instant expiresAt, boolean expiryAssumed, int attempts) {}
