package dev.storyline.scheduler.media;

import dev.storyline.scheduler.accounts.Accounts;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** The library's files in the admin API: a thumbnail of an item, and an upload into a category. */
@RestController
@RequestMapping("/api/accounts/{account}/media")
class MediaFilesController {

    private final Accounts accounts;
    private final Thumbnails thumbnails;
    private final MediaUploads uploads;

    MediaFilesController(Accounts accounts, Thumbnails thumbnails, MediaUploads uploads) {
        this.accounts = accounts;
        this.thumbnails = thumbnails;
        this.uploads = uploads;
    }

    @Operation(
            summary = "A small JPEG of the item",
            description = "At most 320 px on the long side, made from a subsampled decode; videos, images over"
                    + " the pixel budget and unreadable files get a plain placeholder. 404 for an unknown item"
                    + " or one whose file is gone or leads outside the media folder.")
    @GetMapping(value = "/{media}/thumbnail", produces = MediaType.IMAGE_JPEG_VALUE)
    ResponseEntity<byte[]> thumbnail(@PathVariable String account, @PathVariable UUID media) throws IOException {
        byte[] jpeg = thumbnails.of(accounts.require(account).id(), media);
        return ResponseEntity.ok()
                .cacheControl(CacheControl.maxAge(Duration.ofMinutes(5)).cachePrivate())
                .contentType(MediaType.IMAGE_JPEG)
                .body(jpeg);
    }

    @Operation(
            summary = "Upload one file into a category (raw body)",
            description = "The body is the file itself, streamed to disk (at most 100000000 bytes). It is checked"
                    + " against the Story rules at once: a refused file is not kept and the answer (422) says why."
                    + " An existing name is never overwritten: the new file gets a ' (2)' suffix. The same content"
                    + " already in the library is 409. Answers the indexed item (201).")
    @PostMapping
    ResponseEntity<MediaLibrary.Item> uploadRaw(
            @PathVariable String account,
            @Parameter(description = "the category folder, created if missing") @RequestParam String category,
            @Parameter(description = "the file's name (no folders)") @RequestParam String filename,
            HttpServletRequest request)
            throws IOException {
        try (InputStream body = request.getInputStream()) {
            return created(uploads.upload(accounts.require(account), category, filename, body));
        }
    }

    @Operation(
            summary = "Upload one file into a category (multipart)",
            description = "As the raw upload, with the file in the part 'file' and its name from the part's"
                    + " filename (or the 'filename' parameter).")
    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<MediaLibrary.Item> uploadMultipart(
            @PathVariable String account,
            @RequestParam String category,
            @RequestParam(required = false) String filename,
            @RequestPart("file") MultipartFile file)
            throws IOException {
        String name = filename != null ? filename : file.getOriginalFilename();
        try (InputStream body = file.getInputStream()) {
            return created(uploads.upload(accounts.require(account), category, name, body));
        }
    }

    private static ResponseEntity<MediaLibrary.Item> created(MediaLibrary.Item item) {
        return ResponseEntity.status(HttpStatus.CREATED).body(item);
    }

    @ExceptionHandler(MediaUploads.Refused.class)
    ResponseEntity<ProblemDetail> refused(MediaUploads.Refused e) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_ENTITY, e.getMessage());
        body.setProperty("error", e.getMessage());
        body.setProperty(
                "errors",
                List.of(Map.of(
                        "field",
                        "file",
                        "given",
                        e.fileName(),
                        "allowed",
                        "a file that meets the Story rules; it breaks: " + String.join("; ", e.reasons()))));
        body.setProperty("reasons", e.reasons());
        return ResponseEntity.status(HttpStatus.UNPROCESSABLE_ENTITY)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(body);
    }
}
