package dev.storyline.upload.hosting;

import dev.storyline.upload.UploadProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The media folder shared with the scheduler. Every file the worker reads or serves is resolved
 * here, so nothing outside MEDIA_ROOT is ever opened, whatever path a row or an event carries.
 */
@Component
public class MediaRoot {

    private final Path root;

    public MediaRoot(UploadProperties properties) {
        this.root = properties.mediaRootPath();
    }

    /**
     * The regular, readable file at {@code mediaPath} (relative, forward slashes), or empty if it is
     * missing, unreadable, or outside the root, also through a symbolic link (as the scheduler indexes).
     */
    public Optional<Path> readableFile(String mediaPath) {
        Path file = root.resolve(mediaPath).normalize();
        if (!file.startsWith(root)) {
            return Optional.empty();
        }
        try {
            Path real = file.toRealPath();
            if (!real.startsWith(root.toRealPath()) || !Files.isRegularFile(real) || !Files.isReadable(real)) {
                return Optional.empty();
            }
            return Optional.of(real);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return root.toString();
    }
}
