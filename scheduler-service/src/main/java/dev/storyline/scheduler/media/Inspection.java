package dev.storyline.scheduler.media;

import java.util.List;

/** What the indexer learned about one file: identity, type, dimensions and the Story-rule verdict. */
public record Inspection(
        String sha256,
        String mimeType,
        long sizeBytes,
        Integer width,
        Integer height,
        Long durationMs,
        List<String> errors,
        List<String> warnings) {

    public boolean valid() {
        return errors.isEmpty();
    }
}
