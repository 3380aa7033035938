package dev.storyline.instagram.publishing;

import dev.storyline.contracts.events.FallbackReason;
import dev.storyline.instagram.graph.GraphApiException;
import dev.storyline.instagram.graph.GraphErrorCategory;

/**
 * Why a live publication did not complete: either worth another attempt (the broker retries with
 * backoff) or final, in which case the post falls back to Telegram with {@link #reason()}.
 */
class PublishFailure extends RuntimeException {

    private final FallbackReason reason;
    private final boolean retryable;
    private Long tokenGeneration;

    private PublishFailure(FallbackReason reason, boolean retryable, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.retryable = retryable;
    }

    static PublishFailure retryable(String message) {
        return new PublishFailure(FallbackReason.API_UNAVAILABLE, true, message, null);
    }

    /** Worth another attempt through the broker; the reason is what the fallback says once attempts run out. */
    static PublishFailure retryable(FallbackReason reason, String message) {
        return new PublishFailure(reason, true, message, null);
    }

    static PublishFailure permanent(FallbackReason reason, String message) {
        return new PublishFailure(reason, false, message, null);
    }

    /** Keeps Meta's own message (with its codes) for the fallback, which a person will read. */
    static PublishFailure from(GraphApiException e) {
        GraphErrorCategory category = e.category();
        PublishFailure failure = new PublishFailure(
                category.fallbackReason(),
                category == GraphErrorCategory.TRANSIENT,
                e.error().describe(),
                e);
        failure.tokenGeneration = e.tokenGeneration();
        return failure;
    }

    /** Generation of the token Meta rejected, when that is why it failed and token-worker said (else null). */
    Long tokenGeneration() {
        return tokenGeneration;
    }

    FallbackReason reason() {
        return reason;
    }

    boolean isRetryable() {
        return retryable;
    }
}
