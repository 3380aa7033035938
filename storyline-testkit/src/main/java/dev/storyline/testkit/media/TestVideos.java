package dev.storyline.testkit.media;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Real videos made at test time by the system's {@code ffmpeg} (Debian's, with libx264, libx265 and
 * libvpx): what the media probe is tested against is what a phone or an editor writes, not a
 * hand-built box tree. A plain colour picture keeps each file small and quick to encode.
 */
public final class TestVideos {

    private TestVideos() {}

    /** Skips the calling test, saying why, when ffmpeg is not installed (CI installs it). */
    public static void assumeFfmpeg() {
        Assumptions.assumeTrue(
                ffmpegAvailable(),
                "ffmpeg is not installed: the real-video tests are skipped (apt-get install ffmpeg)");
    }

    public static boolean ffmpegAvailable() {
        try {
            Process process = new ProcessBuilder("ffmpeg", "-hide_banner", "-version")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            return process.waitFor(20, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** H.264 MP4 with the movie header first (faststart), as web tools write it. */
    public static Path h264(Path file, int width, int height, int seconds) {
        return encode(
                file,
                width,
                height,
                seconds,
                "-c:v",
                "libx264",
                "-preset",
                "ultrafast",
                "-pix_fmt",
                "yuv420p",
                "-movflags",
                "+faststart");
    }

    /** H.264 MP4 as ffmpeg writes it by default: the movie header after the media data. */
    public static Path h264MoovAtEnd(Path file, int width, int height, int seconds) {
        return encode(file, width, height, seconds, "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p");
    }

    /** HEVC MP4 tagged {@code hvc1}, as Apple devices write it. */
    public static Path hevc(Path file, int width, int height, int seconds) {
        return encode(
                file,
                width,
                height,
                seconds,
                "-c:v",
                "libx265",
                "-preset",
                "ultrafast",
                "-x265-params",
                "log-level=error",
                "-pix_fmt",
                "yuv420p",
                "-tag:v",
                "hvc1",
                "-movflags",
                "+faststart");
    }

    /** A VP9 WebM, written under whatever name {@code file} has (e.g. a renamed {@code .mp4}). */
    public static Path vp9WebM(Path file, int width, int height, int seconds) {
        return encode(
                file,
                width,
                height,
                seconds,
                "-c:v",
                "libvpx-vp9",
                "-deadline",
                "realtime",
                "-cpu-used",
                "8",
                "-b:v",
                "200k",
                "-f",
                "webm");
    }

    /** The first {@code fraction} of {@code source}, as a cut-off download or copy leaves it. */
    public static Path truncated(Path source, Path target, double fraction) {
        try {
            byte[] bytes = Files.readAllBytes(source);
            Files.createDirectories(target.toAbsolutePath().getParent());
            return Files.write(target, Arrays.copyOf(bytes, (int) (bytes.length * fraction)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path encode(Path file, int width, int height, int seconds, String... codec) {
        List<String> arguments = new ArrayList<>(List.of(
                "-f",
                "lavfi",
                "-i",
                "color=c=navy:size=" + width + "x" + height + ":rate=30:duration=" + seconds,
                "-f",
                "lavfi",
                "-i",
                "sine=frequency=440:duration=" + seconds));
        arguments.addAll(List.of(codec));
        boolean webm = arguments.contains("webm");
        arguments.addAll(webm ? List.of("-c:a", "libopus") : List.of("-c:a", "aac", "-b:a", "64k"));
        arguments.add("-shortest");
        return run(file, arguments.toArray(String[]::new));
    }

    /** Runs {@code ffmpeg <arguments> <file>}; fails with ffmpeg's own output when it fails. */
    static Path run(Path file, String... arguments) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            List<String> command =
                    new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-nostdin", "-y"));
            command.addAll(List.of(arguments));
            command.add(file.toString());
            Path log = Files.createTempFile("ffmpeg-", ".log");
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("ffmpeg did not finish within 5 minutes: " + command);
            }
            String output = Files.readString(log);
            Files.deleteIfExists(log);
            if (process.exitValue() != 0) {
                throw new IllegalStateException(
                        "ffmpeg failed (" + process.exitValue() + "): " + command + "\n" + output);
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
