package dev.storyline.scheduler.media;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.apache.tika.Tika;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Hashes a file (streaming SHA-256), detects its type from the content (magic bytes, not the
 * extension) and checks it against Instagram's Story rules ({@link StoryRules}): an image must fit the
 * pixel budget and decode to its end, a video must be a complete MP4/MOV with a readable picture track.
 */
@Component
public class MediaInspector {

    private static final Logger log = LoggerFactory.getLogger(MediaInspector.class);
    /** Size of the copy decoded to prove an image is complete. */
    private static final long DECODE_CHECK_PIXELS = 1_000_000;

    private final Tika tika = new Tika();

    public Inspection inspect(Path file) throws IOException {
        long size = Files.size(file);
        List<String> errors = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        if (size == 0) {
            errors.add("file is empty");
            return new Inspection(sha256(file), null, 0, null, null, null, errors, warnings);
        }
        String mime;
        try (InputStream in = Files.newInputStream(file)) {
            mime = tika.detect(in, file.getFileName().toString());
        }
        String hash = sha256(file);
        Integer width = null;
        Integer height = null;
        if (StoryRules.LIMITS.imageTypes().contains(mime)) {
            StoryRules.checkImageSize(size, errors);
            int[] dims = imageDimensions(file);
            if (dims == null) {
                errors.add("image cannot be read (truncated or corrupt " + mime + ")");
            } else {
                width = dims[0];
                height = dims[1];
                if (StoryRules.checkPixelBudget(width, height, errors)) {
                    decodeProblem(file, mime, width, height).ifPresent(errors::add);
                }
            }
            StoryRules.checkImage(mime, width, height, errors, warnings);
        } else if (StoryRules.LIMITS.videoTypes().contains(mime)) {
            try {
                VideoProbe.VideoInfo video = VideoProbe.probe(file);
                StoryRules.checkVideo(size, video, errors, warnings);
                return new Inspection(
                        hash,
                        mime,
                        size,
                        video.width() > 0 ? video.width() : null,
                        video.height() > 0 ? video.height() : null,
                        video.durationMs() >= 0 ? video.durationMs() : null,
                        errors,
                        warnings);
            } catch (VideoProbe.UnreadableVideo e) {
                log.info("{} is not a usable {}: {}", file, mime, e.getMessage());
                errors.add("video cannot be read: " + e.getMessage());
                StoryRules.checkVideoSize(size, errors);
            } catch (IOException | RuntimeException e) {
                log.warn("could not probe {} ({})", file, mime, e);
                errors.add("video cannot be read (" + mime + "): " + e.getMessage());
                StoryRules.checkVideoSize(size, errors);
            }
        } else {
            errors.add("unsupported type " + mime + " (Stories take JPEG/PNG images and MP4/MOV videos)");
        }
        return new Inspection(hash, mime, size, width, height, null, errors, warnings);
    }

    /** Reads only the header: a 100 MB PNG costs no more memory than a small one. */
    private static int[] imageDimensions(Path file) {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            if (in == null) {
                return null;
            }
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                return null;
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                return new int[] {reader.getWidth(0), reader.getHeight(0)};
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            log.info("cannot read the image header of {}: {}", file, e.toString());
            return null;
        }
    }

    /**
     * Decodes the whole file into a small copy (source subsampling: every n-th pixel of every n-th row),
     * so a truncated or corrupt image is caught here rather than by Meta or by a person, at a memory
     * cost of about one megapixel whatever the image size. The JPEG decoder does not fail on a cut-off
     * file — it pads the picture with grey and warns — so its warnings are read too.
     */
    private static Optional<String> decodeProblem(Path file, String mime, int width, int height) {
        if ("image/png".equals(mime)) {
            Optional<String> end = pngEnd(file);
            if (end.isPresent()) {
                return end;
            }
        }
        List<String> readerWarnings = new ArrayList<>();
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                reader.addIIOReadWarningListener((source, warning) -> readerWarnings.add(warning));
                ImageReadParam param = reader.getDefaultReadParam();
                int step = subsamplingFor(width, height, DECODE_CHECK_PIXELS);
                param.setSourceSubsampling(step, step, 0, 0);
                reader.read(0, param).flush();
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            log.info("{} does not decode: {}", file, e.toString());
            return Optional.of("image cannot be decoded (truncated or corrupt " + mime + "): " + e.getMessage());
        }
        for (String warning : readerWarnings) {
            String lower = warning.toLowerCase(java.util.Locale.ROOT);
            if (lower.contains("eoi") || lower.contains("truncated") || lower.contains("premature end")) {
                log.info("{} is cut short: {}", file, warning);
                return Optional.of("image is truncated (" + mime + " ends before its end-of-image marker)");
            }
        }
        return Optional.empty();
    }

    /** A PNG ends with its IEND chunk: 12 bytes, of which the chunk type is bytes 4-8. */
    private static Optional<String> pngEnd(Path file) {
        try (var channel = java.nio.channels.FileChannel.open(file)) {
            long size = channel.size();
            java.nio.ByteBuffer tail = java.nio.ByteBuffer.allocate(12);
            if (size >= 12) {
                channel.read(tail, size - 12);
            }
            String type = new String(tail.array(), 4, 4, java.nio.charset.StandardCharsets.ISO_8859_1);
            return "IEND".equals(type)
                    ? Optional.empty()
                    : Optional.of("image is truncated (image/png has no end chunk IEND)");
        } catch (IOException e) {
            return Optional.of("image cannot be read: " + e.getMessage());
        }
    }

    /** The smallest step that brings width × height within {@code pixels}. */
    static int subsamplingFor(long width, long height, long pixels) {
        int step = 1;
        while ((width / step) * (height / step) > pixels) {
            step++;
        }
        return step;
    }

    static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStreamSink.INSTANCE);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static final class OutputStreamSink extends java.io.OutputStream {
        static final OutputStreamSink INSTANCE = new OutputStreamSink();

        @Override
        public void write(int b) {}

        @Override
        public void write(byte[] b, int off, int len) {}
    }
}
