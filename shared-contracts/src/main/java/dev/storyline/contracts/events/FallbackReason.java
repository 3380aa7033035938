package dev.storyline.contracts.events;

/** Why an automatic post went to a person instead. */
public enum FallbackReason {
    TOKEN_EXPIRED,
    RATE_LIMITED,
    MEDIA_REJECTED,
    UPLOAD_FAILED,
    API_UNAVAILABLE,
    UNKNOWN
}
