package dev.storyline.instagram.graph;

/**
 * token-worker could not say which token to use (unreachable, timed out, 5xx, or it refused our
 * STORYLINE_INTERNAL_TOKEN). Not a missing token: the post is retried like after a Graph 5xx, and falls
 * back only once its attempts run out. Messages never carry a token.
 */
public class TokenServiceUnavailableException extends RuntimeException {

    public TokenServiceUnavailableException(String message) {
        super(message);
    }

    public TokenServiceUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
