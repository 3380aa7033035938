package dev.storyline.instagram.graph;

/**
 * A media container's {@code status_code}; {@code detail} is Meta's {@code status} text, which on
 * ERROR carries the subcode explaining the rejection.
 */
public record ContainerStatus(Code code, String detail) {

    public enum Code {
        IN_PROGRESS,
        FINISHED,
        PUBLISHED,
        ERROR,
        EXPIRED
    }

    public boolean settled() {
        return code != Code.IN_PROGRESS;
    }
}
