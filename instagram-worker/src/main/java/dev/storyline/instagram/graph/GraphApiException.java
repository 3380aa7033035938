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

    public GraphError error() {
        return error;
    }

    public GraphErrorCategory category() {
        return error.category();
    }
}
