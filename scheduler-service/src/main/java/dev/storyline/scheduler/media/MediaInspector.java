package dev.storyline.scheduler.media;

import org.apache.tika.Tika;
import org.springframework.stereotype.Component;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
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

/**
 * Hashes a file (streaming SHA-256), detects its type from the content (magic bytes, not the
 * extension) and checks it against Instagram's Story rules ({@link StoryRules}).
 */
@Component
public class MediaInspector {

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
        if (StoryRules.IMAGE_TYPES.contains(mime)) {
            int[] dims = imageDimensions(file);
            if (dims == null) {
                errors.add("image cannot be read (truncated or corrupt " + mime + ")");
            } else {
                width = dims[0];
                height = dims[1];
            }
            StoryRules.checkImage(mime, size, width, height, errors, warnings);
        } else if (StoryRules.VIDEO_TYPES.contains(mime)) {
            Optional<VideoProbe.VideoInfo> video = VideoProbe.probe(file);
            if (video.isEmpty()) {
                errors.add("video container cannot be read (truncated or corrupt " + mime + ")");
                StoryRules.checkVideoSize(size, errors);
            } else {
                width = video.get().width();
                height = video.get().height();
                StoryRules.checkVideo(size, video.get(), errors, warnings);
                return new Inspection(hash, mime, size, width, height, video.get().durationMs(), errors, warnings);
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
                return new int[]{reader.getWidth(0), reader.getHeight(0)};
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
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
        public void write(int b) {
        }

        @Override
        public void write(byte[] b, int off, int len) {
        }
    }
}
