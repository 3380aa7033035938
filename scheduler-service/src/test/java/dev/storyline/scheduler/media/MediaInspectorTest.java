package dev.storyline.scheduler.media;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storyline.scheduler.MediaFiles;
import dev.storyline.testkit.media.TestImages;
import dev.storyline.testkit.media.TestVideos;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Story rules against real files: videos written by ffmpeg, images cut short or oversized. */
class MediaInspectorTest {

    @TempDir
    static Path dir;

    private final MediaInspector inspector = new MediaInspector();

    @BeforeAll
    static void ffmpeg() {
        TestVideos.assumeFfmpeg();
    }

    @Test
    void a_five_second_portrait_h264_mp4_with_the_movie_header_first_is_valid() throws IOException {
        Inspection inspection = inspector.inspect(TestVideos.h264(dir.resolve("h264.mp4"), 1080, 1920, 5));

        assertThat(inspection.errors()).isEmpty();
        assertThat(inspection.mimeType()).isEqualTo("video/mp4");
        assertThat(inspection.width()).isEqualTo(1080);
        assertThat(inspection.height()).isEqualTo(1920);
        assertThat(inspection.durationMs()).isBetween(4_900L, 5_100L);
    }

    @Test
    void an_hevc_mp4_is_valid() throws IOException {
        Inspection inspection = inspector.inspect(TestVideos.hevc(dir.resolve("hevc.mp4"), 1080, 1920, 5));

        assertThat(inspection.errors()).isEmpty();
        assertThat(inspection.durationMs()).isBetween(4_900L, 5_100L);
    }

    @Test
    void an_mp4_with_the_movie_header_at_the_end_is_valid() throws IOException {
        Inspection inspection =
                inspector.inspect(TestVideos.h264MoovAtEnd(dir.resolve("moov-last.mp4"), 1080, 1920, 5));

        assertThat(inspection.errors()).isEmpty();
        assertThat(inspection.width()).isEqualTo(1080);
    }

    @Test
    void a_two_second_video_is_too_short() throws IOException {
        Inspection inspection = inspector.inspect(TestVideos.h264(dir.resolve("short.mp4"), 720, 1280, 2));

        assertThat(inspection.errors()).containsExactly("video lasts 2.0 s; Stories take 3-60 s");
    }

    @Test
    void a_seventy_second_video_is_too_long() throws IOException {
        Inspection inspection = inspector.inspect(TestVideos.h264(dir.resolve("long.mp4"), 720, 1280, 70));

        assertThat(inspection.errors()).containsExactly("video lasts 70.0 s; Stories take 3-60 s");
    }

    @Test
    void a_video_wider_than_1920_pixels_is_refused() throws IOException {
        Inspection inspection = inspector.inspect(TestVideos.h264(dir.resolve("wide.mp4"), 2560, 1440, 4));

        assertThat(inspection.errors()).containsExactly("video is 2560 px wide, over the 1920 px Story limit");
    }

    @Test
    void a_video_cut_short_is_refused_as_truncated() throws IOException {
        Path whole = TestVideos.h264(dir.resolve("whole.mp4"), 1080, 1920, 5);
        Inspection inspection = inspector.inspect(TestVideos.truncated(whole, dir.resolve("cut.mp4"), 0.6));

        assertThat(inspection.valid()).isFalse();
        assertThat(inspection.errors())
                .singleElement()
                .asString()
                .startsWith("video cannot be read: box 'mdat'")
                .endsWith("(truncated)");
    }

    @Test
    void a_video_cut_before_its_movie_header_is_refused() throws IOException {
        Path whole = TestVideos.h264MoovAtEnd(dir.resolve("whole-moov-last.mp4"), 1080, 1920, 5);
        Inspection inspection = inspector.inspect(TestVideos.truncated(whole, dir.resolve("cut-moov-last.mp4"), 0.5));

        assertThat(inspection.errors()).singleElement().asString().contains("(truncated)");
    }

    @Test
    void a_vp9_webm_renamed_to_mp4_is_refused_for_its_real_type() throws IOException {
        Inspection inspection = inspector.inspect(TestVideos.vp9WebM(dir.resolve("renamed.mp4"), 720, 1280, 4));

        assertThat(inspection.errors())
                .singleElement()
                .asString()
                .startsWith("unsupported type application/x-matroska");
    }

    @Test
    void a_jpeg_cut_at_a_third_is_refused_as_truncated() throws IOException {
        Path whole = MediaFiles.storyJpeg(dir.resolve("whole.jpg"), Color.ORANGE);
        Path cut = Files.write(
                dir.resolve("cut.jpg"), Arrays.copyOf(Files.readAllBytes(whole), (int) Files.size(whole) / 3));

        assertThat(inspector.inspect(whole).errors()).isEmpty();
        assertThat(inspector.inspect(cut).errors())
                .containsExactly("image is truncated (image/jpeg ends before its end-of-image marker)");
    }

    @Test
    void a_png_cut_short_is_refused_as_truncated() throws IOException {
        Path whole = MediaFiles.image(dir.resolve("whole.png"), 1080, 1920, "png", Color.PINK);
        Path cut = Files.write(
                dir.resolve("cut.png"), Arrays.copyOf(Files.readAllBytes(whole), (int) Files.size(whole) / 2));

        assertThat(inspector.inspect(whole).errors()).isEmpty();
        assertThat(inspector.inspect(cut).valid()).isFalse();
    }

    @Test
    void a_108_megapixel_photo_is_over_the_pixel_budget() throws IOException {
        Inspection inspection = inspector.inspect(TestImages.hugeJpeg(dir.resolve("huge.jpg"), 12000, 9000));

        assertThat(inspection.errors())
                .containsExactly("image is 12000x9000 (108 MP), over the 50 MP pixel budget; scale it down");
    }

    @Test
    void a_decompression_bomb_png_is_over_the_pixel_budget_without_being_decoded() throws IOException {
        Path bomb = TestImages.bombPng(dir.resolve("bomb.png"), 20000, 20000);

        assertThat(Files.size(bomb)).isLessThan(1_000_000);
        assertThat(inspector.inspect(bomb).errors())
                .containsExactly("image is 20000x20000 (400 MP), over the 50 MP pixel budget; scale it down");
    }

    @Test
    void a_video_over_100_million_bytes_is_refused_as_instagram_worker_would_refuse_it() {
        java.util.List<String> errors = new java.util.ArrayList<>();
        StoryRules.checkVideoSize(100_000_000L, errors);
        assertThat(errors).isEmpty();

        StoryRules.checkVideoSize(100_000_001L, errors);
        assertThat(errors).containsExactly("video is 100000001 bytes, over the 100 MB (100000000 bytes) Story limit");
    }

    @Test
    void subsampling_brings_any_picture_within_the_decode_budget() {
        assertThat(MediaInspector.subsamplingFor(1080, 1920, 1_000_000)).isEqualTo(2);
        assertThat(MediaInspector.subsamplingFor(800, 600, 1_000_000)).isEqualTo(1);
        assertThat(MediaInspector.subsamplingFor(8160, 6120, 1_000_000)).isEqualTo(8);
    }
}
