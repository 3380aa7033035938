package dev.storyline.upload.hosting;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The file to host for a post: its original from MEDIA_ROOT, or a Story-ready JPEG made from it.
 *
 * @param contentType the file's type as it is uploaded (image/jpeg after conversion)
 * @param extension   with the dot ({@code .jpg}), or empty
 */
public record StoryMedia(Path file, String contentType, String extension, long sizeBytes, boolean converted) {

    public StoryMedia {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(extension, "extension");
    }

    public boolean isVideo() {
        return contentType.startsWith("video/");
    }
}
