package dev.storyline.instagram.graph;

/** A Graph API call failed; {@link #error()} says how and {@link #category()} what to do about it. */
public class GraphApiException extends RuntimeException {

    private final transient GraphError error;

    public GraphApiException(String operation, GraphError error) {
        super(operation + " failed: " + error.describe());
        this.error = error;
    }

    public GraphApiException(String operation, GraphError error, Throwable cause) {
        super(operation + " failed: " + error.describe(), cause);
        this.error = error;
    }

    private volatile Long tokenGeneration;

    /** Records which token (its generation at token-worker) the failed call used; null when unknown. */
    public GraphApiException usedToken(AccessTokens.AccessToken token) {
        this.tokenGeneration = token == null ? null : token.generation();
        return this;
    }

    public Long tokenGeneration() {
        return tokenGeneration;
    }

    public GraphError error() {
        return error;
    }

    public GraphErrorCategory category() {
        return error.category();
    }
}
