package dev.storyline.upload.hosting.local;

import dev.storyline.upload.hosting.MediaRoot;
import dev.storyline.upload.hosting.Upload;
import dev.storyline.upload.hosting.Uploads;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves hosted media over signed links (GET and HEAD; Spring answers HEAD from this mapping).
 * 403 for a missing or wrong signature, 410 once expired, 404 if the upload or its file is gone.
 * The file is streamed from disk, never read into memory.
 */
@RestController
@ConditionalOnLocalStorage
class MediaLinkController {

    private final SignedLinks links;
    private final Uploads uploads;
    private final MediaRoot mediaRoot;
    private final StoryCopies copies;
    private final Clock clock;

    MediaLinkController(SignedLinks links, Uploads uploads, MediaRoot mediaRoot, StoryCopies copies, Clock clock) {
        this.links = links;
        this.uploads = uploads;
        this.mediaRoot = mediaRoot;
        this.copies = copies;
        this.clock = clock;
    }

    @GetMapping("/media/{publicId}")
    ResponseEntity<Resource> serve(
            @PathVariable String publicId,
            @RequestParam(required = false) String expires,
            @RequestParam(required = false) String signature) {
        Long expiresAt = parse(expires);
        if (expiresAt == null || signature == null || !links.verifies(publicId, expiresAt, signature)) {
            return ResponseEntity.status(HttpStatus.FORBIDDEN).build();
        }
        if (clock.instant().getEpochSecond() >= expiresAt) {
            return ResponseEntity.status(HttpStatus.GONE).build();
        }
        Optional<Upload> upload = uploads.servable(LocalStorage.PROVIDER, publicId);
        if (upload.isEmpty()) {
            return ResponseEntity.notFound().build();
        }
        Optional<Path> converted = copies.find(publicId);
        Optional<Path> file =
                converted.or(() -> mediaRoot.readableFile(upload.get().mediaPath()));
        if (file.isEmpty()) {
            return ResponseEntity.notFound().build();
        }
        // Content-Length comes from the resource; Range requests are answered by Spring as well
        return ResponseEntity.ok()
                .contentType(
                        converted.isPresent()
                                ? MediaType.IMAGE_JPEG
                                : mediaType(upload.get().mimeType()))
                .body(new FileSystemResource(file.get()));
    }

    private static Long parse(String epochSeconds) {
        try {
            return epochSeconds == null ? null : Long.parseLong(epochSeconds);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static MediaType mediaType(String mimeType) {
        try {
            return MediaType.parseMediaType(mimeType);
        } catch (InvalidMediaTypeException e) {
            return MediaType.APPLICATION_OCTET_STREAM;
        }
    }
}
