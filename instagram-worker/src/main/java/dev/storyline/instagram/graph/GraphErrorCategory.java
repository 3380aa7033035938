package dev.storyline.instagram.graph;

import dev.storyline.contracts.events.FallbackReason;

/** What a Graph API failure means for the post. Only TRANSIENT is worth retrying. */
public enum GraphErrorCategory {
    TOKEN_EXPIRED(FallbackReason.TOKEN_EXPIRED),
    RATE_LIMITED(FallbackReason.RATE_LIMITED),
    MEDIA_REJECTED(FallbackReason.MEDIA_REJECTED),
    /** 5xx, timeouts, connection failures, {@code is_transient}: retry, and fall back once retries run out. */
    TRANSIENT(FallbackReason.API_UNAVAILABLE),
    /** A non-transient error none of the above explains (permissions, bad ids, …). */
    OTHER(FallbackReason.UNKNOWN);

    private final FallbackReason fallbackReason;

    GraphErrorCategory(FallbackReason fallbackReason) {
        this.fallbackReason = fallbackReason;
    }

    public FallbackReason fallbackReason() {
        return fallbackReason;
    }
}
