package dev.storyline.upload.hosting.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The local provider's own copies: images converted to Story-ready JPEGs cannot be served from
 * MEDIA_ROOT (which holds the originals and is mounted read-only), so they live here, named by
 * public id, until the hosted copy is deleted.
 */
@Component
@ConditionalOnLocalStorage
class StoryCopies {

    private final Path dir;

    StoryCopies(LocalStorageProperties properties) {
        this.dir = Path.of(properties.storyCopies()).toAbsolutePath().normalize();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("LOCAL_STORAGE_DIR=" + dir + " cannot be created", e);
        }
        if (!Files.isWritable(dir)) {
            throw new IllegalStateException("LOCAL_STORAGE_DIR=" + dir + " is not writable");
        }
    }

    void keep(String publicId, Path converted) throws IOException {
        Path target = resolve(publicId).orElseThrow(() -> new IOException("bad public id " + publicId));
        Path partial = dir.resolve(publicId + ".part");
        Files.copy(converted, partial, StandardCopyOption.REPLACE_EXISTING);
        // readers never see a half-written copy
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    Optional<Path> find(String publicId) {
        return resolve(publicId).filter(Files::isRegularFile);
    }

    void delete(String publicId) {
        resolve(publicId).ifPresent(path -> {
            try {
                Files.deleteIfExists(path);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete hosted copy " + path, e);
            }
        });
    }

    /** Public ids are ours (uuid + extension); anything that would leave the folder is refused. */
    private Optional<Path> resolve(String publicId) {
        if (publicId == null || publicId.isBlank() || publicId.contains("/") || publicId.contains("\\")) {
            return Optional.empty();
        }
        Path path = dir.resolve(publicId).normalize();
        return path.getParent().equals(dir) ? Optional.of(path) : Optional.empty();
    }
}
