package dev.storyline.upload.media;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storyline.testkit.media.TestImages;
import dev.storyline.testkit.media.TestVideos;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile images through upload-worker's image preparation in a JVM with the 256 MB heap the services
 * run with: a photo over the pixel budget and a decompression bomb are refused for good (the post goes
 * to Telegram) from their header, and a large photo within the budget converts without running out of memory.
 */
class StoryImagesSmallHeapTest {

    private static final Pattern RESULT = Pattern.compile("RESULT (.*)");

    @TempDir
    static Path dir;

    @BeforeAll
    static void ffmpeg() {
        TestVideos.assumeFfmpeg();
    }

    @Test
    void a_108_megapixel_photo_is_a_permanent_failure_not_an_out_of_memory_crash() throws Exception {
        Path photo = TestImages.hugeJpeg(dir.resolve("huge.jpg"), 12000, 9000);

        assertThat(prepareWithSmallHeap(photo, "image/jpeg"))
                .isEqualTo(
                        "permanent huge.jpg is 12000x9000 (108 MP), over the 50 MP pixel budget of a Story image; scale it down");
    }

    @Test
    void a_decompression_bomb_png_is_a_permanent_failure_decided_from_its_header() throws Exception {
        Path bomb = TestImages.bombPng(dir.resolve("bomb.png"), 20000, 20000);

        assertThat(prepareWithSmallHeap(bomb, "image/png"))
                .isEqualTo(
                        "permanent bomb.png is 20000x20000 (400 MP), over the 50 MP pixel budget of a Story image; scale it down");
    }

    @Test
    void a_48_megapixel_photo_within_the_budget_converts_to_a_story_jpeg_in_a_small_heap() throws Exception {
        Path photo = TestImages.hugeJpeg(dir.resolve("camera.jpg"), 8000, 6000);

        assertThat(prepareWithSmallHeap(photo, "image/jpeg")).isEqualTo("converted 1080x1920");
    }

    @Test
    void subsampling_keeps_the_decoded_picture_at_least_as_large_as_the_story() {
        assertThat(StoryImages.subsamplingFor(1080, 1920)).isEqualTo(1);
        assertThat(StoryImages.subsamplingFor(8000, 6000)).isEqualTo(7); // 1142 wide: still over 1080
        assertThat(StoryImages.subsamplingFor(50000, 1000)).isEqualTo(46); // a panorama shrinks by its width
    }

    private static String prepareWithSmallHeap(Path file, String mimeType) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(
                        java,
                        "-Xmx256m",
                        "-XX:+UseSerialGC",
                        "-Djava.awt.headless=true",
                        "-cp",
                        System.getProperty("java.class.path"),
                        StoryImagesProbe.class.getName(),
                        file.toString(),
                        mimeType)
                .redirectErrorStream(true)
                .start();
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
        String text = new String(output, StandardCharsets.UTF_8);
        Matcher result = RESULT.matcher(text);
        assertThat(result.find()).as("probe output:\n" + text).isTrue();
        return result.group(1).trim();
    }
}
