package dev.storyline.scheduler.media;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storyline.contracts.events.EventEnvelope;
import dev.storyline.contracts.events.PostMethod;
import dev.storyline.contracts.events.PostPublished;
import dev.storyline.scheduler.LibraryTest;
import dev.storyline.scheduler.MediaFiles;
import dev.storyline.scheduler.SchedulerTest;
import dev.storyline.testkit.Eventually;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@SchedulerTest(properties = {SchedulerTest.API_ON, SchedulerTest.INSTAGRAM_USER, SchedulerTest.DRY_RUN})
class MediaIndexingTest extends LibraryTest {

    @Test
    void indexes_by_content_so_a_renamed_file_stays_one_item() throws IOException {
        Path original = MediaFiles.storyJpeg(MEDIA_ROOT.resolve("memes/cat.jpg"), Color.RED);
        library.index();
        Files.createDirectories(MEDIA_ROOT.resolve("merch"));
        Files.move(original, MEDIA_ROOT.resolve("merch/renamed.jpg"));
        IndexReport report = library.index();

        assertThat(report.deactivated()).isZero();
        assertThat(jdbc.sql("select path || '|' || category || '|' || active from media_items")
                        .query(String.class)
                        .list())
                .containsExactly("merch/renamed.jpg|merch|true");
    }

    @Test
    void bad_files_get_a_clear_error_and_the_scan_goes_on() throws IOException {
        MediaFiles.storyJpeg(MEDIA_ROOT.resolve("memes/good.jpg"), Color.BLUE);
        Files.createDirectories(MEDIA_ROOT.resolve("memes"));
        Files.write(MEDIA_ROOT.resolve("memes/empty.jpg"), new byte[0]);
        Files.writeString(MEDIA_ROOT.resolve("memes/notes.jpg"), "this is text, not a JPEG");
        Files.write(
                MEDIA_ROOT.resolve("memes/truncated.jpg"),
                java.util.Arrays.copyOf(Files.readAllBytes(MEDIA_ROOT.resolve("memes/good.jpg")), 40));
        MediaFiles.storyJpeg(MEDIA_ROOT.resolve("loose.jpg"), Color.GREEN);
        Path outside = Files.createTempFile("outside", ".jpg");
        Files.createSymbolicLink(MEDIA_ROOT.resolve("memes/escape.jpg"), outside);

        IndexReport report = library.index();

        assertThat(report.errors())
                .extracting(IndexReport.FileError::path)
                .containsExactlyInAnyOrder("loose.jpg", "memes/escape.jpg");
        assertThat(report.errors())
                .extracting(IndexReport.FileError::error)
                .anySatisfy(e -> assertThat(e).contains("not in a category folder"))
                .anySatisfy(e -> assertThat(e).contains("outside the media folder"));
        assertThat(jdbc.sql("select path from media_items where valid")
                        .query(String.class)
                        .list())
                .containsExactly("memes/good.jpg");
        assertThat(jdbc.sql(
                                "select path || ': ' || array_to_string(validation_errors, '; ') from media_items where not valid order by path")
                        .query(String.class)
                        .list())
                .containsExactly(
                        "memes/empty.jpg: file is empty",
                        "memes/notes.jpg: unsupported type text/plain (Stories take JPEG/PNG images and MP4/MOV videos)",
                        "memes/truncated.jpg: image cannot be read (truncated or corrupt image/jpeg)");
    }

    @Test
    void a_changed_file_is_revalidated_as_new_content_and_the_old_content_retires() throws IOException {
        Path file = MediaFiles.storyJpeg(MEDIA_ROOT.resolve("memes/cat.jpg"), Color.RED);
        library.index();
        Files.writeString(file, "now it is text");
        library.index();
        assertThat(jdbc.sql("select active || '|' || valid from media_items order by first_seen_at")
                        .query(String.class)
                        .list())
                .containsExactly("false|true", "true|false");
    }

    @Test
    void a_deleted_file_becomes_inactive_and_keeps_its_history() throws IOException {
        Path file = MediaFiles.storyJpeg(MEDIA_ROOT.resolve("memes/cat.jpg"), Color.RED);
        library.index();
        UUID slot = library.insertDueSlot(Instant.now().minusSeconds(1));
        dispatcher.dispatchDue();
        tap.publish(EventEnvelope.forPost(
                "default", slot, new PostPublished("s", "c", PostMethod.INSTAGRAM_API, Instant.now(), false)));
        Eventually.await(
                Duration.ofSeconds(20), "published", () -> library.status(slot).equals("PUBLISHED"));
        Files.delete(file);

        assertThat(library.index().deactivated()).isEqualTo(1);
        assertThat(jdbc.sql(
                                "select count(*) from posting_history h join media_items m on m.id = h.media_id where not m.active")
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void a_file_name_that_is_not_utf8_is_reported_and_the_scan_goes_on() throws Exception {
        MediaFiles.storyJpeg(MEDIA_ROOT.resolve("memes/good.jpg"), Color.BLUE);
        Process p = new ProcessBuilder("sh", "-c", "cp good.jpg \"$(printf 'caf\\351.jpg')\"")
                .directory(MEDIA_ROOT.resolve("memes").toFile())
                .start();
        assertThat(p.waitFor()).isZero();
        Files.createSymbolicLink(MEDIA_ROOT.resolve("memes/dangling.jpg"), MEDIA_ROOT.resolve("memes/nowhere.jpg"));

        IndexReport report = library.index();

        assertThat(report.errors())
                .extracting(IndexReport.FileError::error)
                .contains("file name is not valid UTF-8; rename the file", "broken symbolic link");
        assertThat(jdbc.sql("select count(*) from media_items where valid")
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
    }
}
