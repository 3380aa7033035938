package dev.storyline.scheduler.media;

import dev.storyline.contracts.events.MediaPaths;
import dev.storyline.scheduler.SchedulerProperties;
import dev.storyline.scheduler.accounts.Account;
import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Walks an account's media folder and brings the library up to date. An account owns one folder
 * directly under MEDIA_ROOT and its categories are that folder's sub-folders; the account with the
 * empty folder owns MEDIA_ROOT's category folders except those other accounts own. A bad file is recorded with
 * its error and the scan goes on; a file gone from disk makes its item inactive (its history stays).
 */
@Component
public class MediaIndexer {

    private static final Logger log = LoggerFactory.getLogger(MediaIndexer.class);

    private final JdbcClient jdbc;
    private final MediaInspector inspector;
    private final Path mediaRoot;

    public MediaIndexer(JdbcClient jdbc, MediaInspector inspector, SchedulerProperties properties) {
        this.jdbc = jdbc;
        this.inspector = inspector;
        this.mediaRoot = properties.mediaRootPath();
    }

    public synchronized IndexReport index(Account account) {
        Instant scanStart = jdbc.sql("select now()").query(Instant.class).single();
        Path accountRoot = mediaRoot.resolve(account.mediaSubdir()).normalize();
        List<IndexReport.FileError> errors = new ArrayList<>();
        int[] counts = new int[3]; // seen, indexed, invalid
        if (!Files.isDirectory(accountRoot)) {
            errors.add(new IndexReport.FileError(
                    account.mediaSubdir(), "account media folder does not exist: " + accountRoot));
        } else {
            walk(account, accountRoot, errors, counts);
        }
        int deactivated = jdbc.sql("""
                        update media_items set active = false, updated_at = now()
                        where account_id = :account and active and last_seen_at < :scanStart
                        """)
                .param("account", account.id())
                .param("scanStart", java.sql.Timestamp.from(scanStart))
                .update();
        jdbc.sql("delete from media_scan_errors where account_id = :account and seen_at < :scanStart")
                .param("account", account.id())
                .param("scanStart", java.sql.Timestamp.from(scanStart))
                .update();
        for (IndexReport.FileError error : errors) {
            jdbc.sql("""
                            insert into media_scan_errors (account_id, path, error) values (:account, :path, :error)
                            on conflict (account_id, path) do update set error = excluded.error, seen_at = now()
                            """)
                    .param("account", account.id())
                    .param("path", error.path())
                    .param("error", error.error())
                    .update();
        }
        IndexReport report =
                new IndexReport(account.id(), counts[0], counts[1], counts[2], deactivated, List.copyOf(errors));
        log.info(
                "indexed account '{}': {} files, {} indexed, {} invalid, {} deactivated, {} errors",
                account.id(),
                report.filesSeen(),
                report.indexed(),
                report.invalid(),
                report.deactivated(),
                errors.size());
        return report;
    }

    /**
     * Indexes one file the admin API just wrote into a category folder, without walking the rest, and
     * answers its item's id. Synchronized with {@link #index} so a scan never sees half of an upload.
     */
    public synchronized UUID indexOne(Account account, Path file, String sha256) throws IOException {
        Path accountRoot = mediaRoot.resolve(account.mediaSubdir()).normalize();
        indexFile(account, accountRoot, accountRoot.toRealPath(), file, new int[3]);
        return jdbc.sql("select id from media_items where account_id = :a and sha256 = :sha")
                .param("a", account.id())
                .param("sha", sha256)
                .query(UUID.class)
                .single();
    }

    /** The folder an account's categories live in. */
    public Path accountRoot(Account account) {
        return mediaRoot.resolve(account.mediaSubdir()).normalize();
    }

    private void walk(Account account, Path accountRoot, List<IndexReport.FileError> errors, int[] counts) {
        // The folders other accounts own are theirs, even though they sit under the root account's folder;
        // a removed account keeps its folder, so removing it never hands its media to the root account.
        java.util.Set<String> ownedElsewhere = java.util.Set.copyOf(
                jdbc.sql("""
                        select media_subdir from accounts where media_subdir <> '' and id <> :a
                        """).param("a", account.id()).query(String.class).list());
        try {
            Path realRoot = accountRoot.toRealPath();
            Files.walkFileTree(accountRoot, EnumSet.of(FileVisitOption.FOLLOW_LINKS), 16, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    if (dir.equals(accountRoot)) {
                        return FileVisitResult.CONTINUE;
                    }
                    boolean hidden = dir.getFileName() != null
                            && dir.getFileName().toString().startsWith(".");
                    boolean anotherAccounts = accountRoot.equals(mediaRoot)
                            && accountRoot.equals(dir.getParent())
                            && ownedElsewhere.contains(dir.getFileName().toString());
                    return hidden || anotherAccounts ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (file.getFileName().toString().startsWith(".")) {
                        return FileVisitResult.CONTINUE;
                    }
                    String relative = relativeName(file);
                    if (attrs.isSymbolicLink()) {
                        errors.add(new IndexReport.FileError(relative, "broken symbolic link"));
                        return FileVisitResult.CONTINUE;
                    }
                    if (!attrs.isRegularFile()) {
                        return FileVisitResult.CONTINUE;
                    }
                    counts[0]++;
                    try {
                        indexFile(account, accountRoot, realRoot, file, counts);
                    } catch (NoSuchFileException e) {
                        errors.add(new IndexReport.FileError(relative, "file vanished during the scan"));
                    } catch (IOException | RuntimeException e) {
                        errors.add(new IndexReport.FileError(
                                relative, e.getMessage() == null ? e.toString() : e.getMessage()));
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    errors.add(new IndexReport.FileError(
                            relativeName(file),
                            e instanceof NoSuchFileException
                                    ? "file vanished during the scan"
                                    : "unreadable: " + e.getMessage()));
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            errors.add(new IndexReport.FileError(account.mediaSubdir(), "cannot walk media folder: " + e.getMessage()));
        }
    }

    private void indexFile(Account account, Path accountRoot, Path realRoot, Path file, int[] counts)
            throws IOException {
        if (!decodes(relativeName(file))) {
            // The name does not decode as UTF-8: the path in events could not be opened again by other services.
            throw new IOException("file name is not valid UTF-8; rename the file");
        }
        if (!file.toRealPath().startsWith(realRoot)) {
            throw new IOException("symbolic link leads outside the media folder; not indexed");
        }
        Path inAccount = accountRoot.relativize(file);
        if (inAccount.getNameCount() < 2) {
            String folder = account.mediaSubdir().isEmpty() ? "" : account.mediaSubdir() + "/";
            throw new IOException("file is not in a category folder: it sits directly in the account's folder "
                    + (folder.isEmpty() ? "MEDIA_ROOT" : folder) + "; move it into a category folder, e.g. " + folder
                    + "<category>/"
                    + inAccount.getFileName());
        }
        String category = inAccount.getName(0).toString();
        Inspection inspection = inspector.inspect(file);
        String path = relativeName(file);
        List<String> problems = withNameProblem(inspection.errors(), path, category);
        jdbc.sql("""
                        insert into media_items (id, account_id, path, category, sha256, mime_type, size_bytes, width, height,
                                                 duration_ms, valid, validation_errors, validation_warnings)
                        values (:id, :account, :path, :category, :sha, :mime, :size, :width, :height, :duration, :valid,
                                :errors, :warnings)
                        on conflict (account_id, sha256) do update set
                            path = excluded.path, category = excluded.category, mime_type = excluded.mime_type,
                            size_bytes = excluded.size_bytes, width = excluded.width, height = excluded.height,
                            duration_ms = excluded.duration_ms, valid = excluded.valid,
                            validation_errors = excluded.validation_errors,
                            validation_warnings = excluded.validation_warnings,
                            active = true, last_seen_at = now(), updated_at = now()
                        """)
                .param("id", UUID.randomUUID())
                .param("account", account.id())
                .param("path", path)
                .param("category", category)
                .param("sha", inspection.sha256())
                .param("mime", inspection.mimeType())
                .param("size", inspection.sizeBytes())
                .param("width", inspection.width())
                .param("height", inspection.height())
                .param("duration", inspection.durationMs())
                .param("valid", problems.isEmpty())
                .param("errors", problems.toArray(String[]::new))
                .param("warnings", inspection.warnings().toArray(String[]::new))
                .update();
        counts[1]++;
        if (!problems.isEmpty()) {
            counts[2]++;
        }
    }

    /**
     * The inspection's errors plus, if the events that carry the path would refuse it, why: the item is
     * then listed as invalid with the reason instead of failing later at dispatch.
     */
    /** False when the name did not decode as UTF-8 (the JDK put U+FFFD in its place). */
    static boolean decodes(String mediaPath) {
        return mediaPath.indexOf('\uFFFD') < 0;
    }

    static List<String> withNameProblem(List<String> errors, String mediaPath, String category) {
        return MediaPaths.problem(mediaPath)
                .or(() -> category.isBlank()
                        ? Optional.of("the category folder's name is blank (only spaces); rename the folder")
                        : Optional.empty())
                .map(problem -> {
                    List<String> all = new ArrayList<>(errors);
                    all.add("file name cannot be posted: " + problem);
                    return List.copyOf(all);
                })
                .orElse(errors);
    }

    /**
     * The path events carry: relative to MEDIA_ROOT, its names joined with forward slashes. A backslash
     * inside a name stays one, so the path rule can refuse it rather than read it as a separator.
     */
    private String relativeName(Path file) {
        return mediaPathOf(mediaRoot, file);
    }

    static String mediaPathOf(Path mediaRoot, Path file) {
        Path relative = mediaRoot.relativize(file.toAbsolutePath().normalize());
        List<String> names = new ArrayList<>();
        relative.forEach(name -> names.add(name.toString()));
        return String.join("/", names);
    }
}
