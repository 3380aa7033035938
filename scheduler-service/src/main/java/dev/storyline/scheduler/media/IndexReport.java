package dev.storyline.scheduler.media;

import java.util.List;

public record IndexReport(
        String accountId, int filesSeen, int indexed, int invalid, int deactivated, List<FileError> errors) {

    public record FileError(String path, String error) {}
}
