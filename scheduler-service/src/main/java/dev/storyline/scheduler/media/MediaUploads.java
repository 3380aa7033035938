package dev.storyline.scheduler.media;

import dev.storyline.contracts.events.MediaPaths;
import dev.storyline.platform.admin.AdminApiErrors.BadInput;
import dev.storyline.platform.admin.AdminApiErrors.Conflict;
import dev.storyline.scheduler.accounts.Account;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A file sent through the admin API into a category folder: streamed to a hidden part file in that
 * folder (the indexer skips dot-files), inspected against the Story rules, and only then given its
 * name and indexed. A refused file is deleted, so the folder never keeps what the API said no to; an
 * existing name is never overwritten (the new file gets " (2)", " (3)"... before its extension).
 */
@Component
public class MediaUploads {

    /** The largest file a Story takes (a video); an image's own, smaller limit is checked by the inspector. */
    static final long MAX_BYTES = Math.max(StoryRules.LIMITS.videoMaxBytes(), StoryRules.LIMITS.imageSourceMaxBytes());

    private static final String CATEGORY_ALLOWED =
            "the name of one category folder: no / or \\, not starting with a dot, at most 255 bytes";
    private static final String NAME_ALLOWED =
            "a file name without folders: no / or \\, not . or .., not starting with a dot, at most 255 bytes"
                    + " in UTF-8";

    /** The file broke a Story rule; the reasons are the inspector's, meant for the person who sent it. */
    public static class Refused extends RuntimeException {
        private final String fileName;
        private final List<String> reasons;

        Refused(String fileName, List<String> reasons) {
            super(fileName + " is refused: " + String.join("; ", reasons));
            this.fileName = fileName;
            this.reasons = List.copyOf(reasons);
        }

        public String fileName() {
            return fileName;
        }

        public List<String> reasons() {
            return reasons;
        }
    }

    private final JdbcClient jdbc;
    private final MediaInspector inspector;
    private final MediaIndexer indexer;
    private final MediaLibrary library;

    public MediaUploads(JdbcClient jdbc, MediaInspector inspector, MediaIndexer indexer, MediaLibrary library) {
        this.jdbc = jdbc;
        this.inspector = inspector;
        this.indexer = indexer;
        this.library = library;
    }

    public MediaLibrary.Item upload(Account account, String category, String fileName, InputStream body)
            throws IOException {
        checkCategory(account, category);
        checkName(category, fileName);
        Path accountRoot = indexer.accountRoot(account);
        Path folder = accountRoot.resolve(category);
        Files.createDirectories(folder);
        if (!folder.toRealPath().startsWith(accountRoot.toRealPath())) {
            throw new BadInput("category", category, "a category folder inside the account's media folder");
        }
        Path part = folder.resolve(".upload-" + UUID.randomUUID() + ".part");
        try {
            copyAtMost(body, part, fileName);
            Inspection inspection = inspector.inspect(part);
            if (!inspection.valid()) {
                throw new Refused(fileName, inspection.errors());
            }
            Optional<String> same = jdbc.sql(
                            "select path from media_items where account_id = :a and sha256 = :sha and active")
                    .param("a", account.id())
                    .param("sha", inspection.sha256())
                    .query(String.class)
                    .optional();
            if (same.isPresent()) {
                throw new Conflict("the same file is already in the library as " + same.get());
            }
            Path stored = linkUnderFreeName(part, folder, fileName);
            UUID id = indexer.indexOne(account, stored, inspection.sha256());
            return library.find(account.id(), id).orElseThrow();
        } finally {
            Files.deleteIfExists(part);
        }
    }

    private void copyAtMost(InputStream body, Path part, String fileName) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        try (OutputStream out = Files.newOutputStream(part)) {
            for (int n; (n = body.read(buffer)) >= 0; ) {
                total += n;
                if (total > MAX_BYTES) {
                    throw new BadInput("file", fileName, "at most " + MAX_BYTES + " bytes (the Story limit)");
                }
                out.write(buffer, 0, n);
            }
        }
    }

    /**
     * A hard link fails when the name exists, where a rename would silently replace it: two uploads of
     * one name at the same moment both survive.
     */
    private static Path linkUnderFreeName(Path part, Path folder, String fileName) throws IOException {
        int dot = fileName.lastIndexOf('.');
        String stem = dot > 0 ? fileName.substring(0, dot) : fileName;
        String extension = dot > 0 ? fileName.substring(dot) : "";
        for (int n = 1; n <= 1000; n++) {
            Path target = folder.resolve(n == 1 ? fileName : stem + " (" + n + ")" + extension);
            try {
                return Files.createLink(target, part);
            } catch (FileAlreadyExistsException taken) {
                // try the next suffix
            }
        }
        throw new Conflict("a thousand files are already named like " + fileName + "; choose another name");
    }

    private void checkCategory(Account account, String category) {
        if (category == null
                || category.isBlank()
                || category.startsWith(".")
                || category.contains("/")
                || MediaPaths.problem(category).isPresent()
                || category.getBytes(StandardCharsets.UTF_8).length > 255) {
            throw new BadInput("category", category, CATEGORY_ALLOWED);
        }
        boolean anotherAccounts = account.mediaSubdir().isEmpty()
                && jdbc.sql("select exists (select 1 from accounts where media_subdir = :c and id <> :a)")
                        .param("c", category)
                        .param("a", account.id())
                        .query(Boolean.class)
                        .single();
        if (anotherAccounts) {
            throw new BadInput("category", category, "a category of this account, not another account's folder");
        }
    }

    private static void checkName(String category, String fileName) {
        if (fileName == null
                || fileName.isBlank()
                || fileName.startsWith(".")
                || fileName.contains("/")
                || fileName.getBytes(StandardCharsets.UTF_8).length > 255) {
            throw new BadInput("filename", fileName, NAME_ALLOWED);
        }
        Optional<String> problem = MediaPaths.problem(category + "/" + fileName);
        if (problem.isPresent()) {
            throw new BadInput("filename", fileName, NAME_ALLOWED + " (" + problem.get() + ")");
        }
    }
}
