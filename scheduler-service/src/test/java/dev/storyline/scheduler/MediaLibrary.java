package dev.storyline.scheduler;

import dev.storyline.scheduler.accounts.Accounts;
import dev.storyline.scheduler.media.IndexReport;
import dev.storyline.scheduler.media.MediaIndexer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A test's media folder and the default account's slots, read and written the way the tests of
 * indexing, dispatch, routing and outcomes need them.
 */
public final class MediaLibrary {

    private final Path root;
    private final JdbcClient jdbc;
    private final MediaIndexer indexer;
    private final Accounts accounts;

    public MediaLibrary(Path root, JdbcClient jdbc, MediaIndexer indexer, Accounts accounts) {
        this.root = root;
        this.jdbc = jdbc;
        this.indexer = indexer;
        this.accounts = accounts;
    }

    /** A fresh temporary media folder for one test class. */
    public static Path newRoot() {
        try {
            return Files.createTempDirectory("storyline-media");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path root() {
        return root;
    }

    public Path file(String relative) {
        return root.resolve(relative);
    }

    /** No media, slots, history or locks; the default account's token healthy and its API not resting. */
    public void cleanSlate() throws IOException {
        jdbc.sql("delete from media_locks").update();
        jdbc.sql("delete from posting_history").update();
        jdbc.sql("delete from slots").update();
        jdbc.sql("delete from media_items").update();
        jdbc.sql("update accounts set token_healthy = true, api_paused_until = null")
                .update();
        try (var files = Files.walk(root)) {
            // Files.delete keeps the raw bytes of names that are not UTF-8; File.delete would not find them
            for (Path p : files.sorted(Comparator.reverseOrder())
                    .filter(p -> !p.equals(root))
                    .toList()) {
                Files.delete(p);
            }
        }
    }

    public IndexReport index() {
        return indexer.index(accounts.find("default").orElseThrow());
    }

    public UUID insertDueSlot(Instant at) {
        return new Slots(jdbc).planned("default", at);
    }

    public String status(UUID slot) {
        return new Slots(jdbc).status(slot);
    }

    /** The slot's route and why, as {@code ROUTE|reason}. */
    public String route(UUID slot) {
        return jdbc.sql("select route || '|' || route_reason from slots where id = :id")
                .param("id", slot)
                .query(String.class)
                .single();
    }
}
