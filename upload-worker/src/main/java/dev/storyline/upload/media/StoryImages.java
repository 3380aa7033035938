package dev.storyline.upload.media;

import dev.storyline.contracts.events.PostContent;
import dev.storyline.contracts.media.StoryLimits;
import dev.storyline.upload.hosting.HostedNames;
import dev.storyline.upload.hosting.HostingException;
import dev.storyline.upload.hosting.StoryMedia;
import java.awt.Color;
import java.awt.Dimension;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Semaphore;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import net.coobird.thumbnailator.Thumbnails;
import net.coobird.thumbnailator.filters.Canvas;
import net.coobird.thumbnailator.geometry.Positions;
import org.springframework.stereotype.Component;

/**
 * Makes media Story-ready before it is hosted. Instagram takes Story images as JPEG of at most
 * 1080×1920, best at 9:16: any other image is scaled to fit and letterboxed (black bars) onto a
 * 1080×1920 JPEG by Thumbnailator. Videos pass through once their type is one Instagram accepts.
 * An image over the pixel budget ({@link StoryLimits}) is refused from its header; any other is decoded
 * with source subsampling, so the heap a conversion needs does not grow with the photo's resolution.
 */
@Component
public class StoryImages {

    private static final StoryLimits LIMITS = StoryLimits.INSTAGRAM;
    public static final int WIDTH = LIMITS.storyWidth();
    public static final int HEIGHT = LIMITS.storyHeight();
    private static final Set<String> VIDEO_TYPES = LIMITS.videoTypes();

    private final Semaphore conversions = new Semaphore(1, true);

    /**
     * The file to upload for {@code content}: the original, or a converted copy in a temporary file
     * the caller deletes ({@link StoryMedia#converted()}). Unusable media is a permanent failure.
     */
    public StoryMedia prepare(PostContent content, Path original) {
        long size = sizeOf(original);
        String mime = content.mimeType().toLowerCase(Locale.ROOT);
        if (mime.startsWith("video/")) {
            if (!VIDEO_TYPES.contains(mime)) {
                throw HostingException.permanent(
                        "video type " + mime + " is not accepted for Stories (MP4 or MOV only)", null);
            }
            return new StoryMedia(original, mime, extensionOf(content.mediaPath()), size, false);
        }
        if (!mime.startsWith("image/")) {
            throw HostingException.permanent("media type " + mime + " is neither an image nor a video", null);
        }
        Dimension dimension = dimensionsOf(original);
        if (!LIMITS.withinPixelBudget(dimension.width, dimension.height)) {
            // decided from the header alone: decoding it could exhaust the heap of every replica in turn
            throw HostingException.permanent(
                    original.getFileName() + " is " + dimension.width + "x" + dimension.height
                            + " (" + StoryLimits.megapixels((long) dimension.width * dimension.height)
                            + " MP), over the "
                            + LIMITS.pixelBudgetText() + " pixel budget of a Story image; scale it down",
                    null);
        }
        if (isStoryReady(mime, dimension)) {
            return new StoryMedia(original, "image/jpeg", extensionOf(content.mediaPath()), size, false);
        }
        // one conversion at a time per instance: UPLOAD_CONCURRENCY overlaps the waits on hosting, database
        // and broker, while the heap a decode needs (ops/jvm/upload-worker.options) stays that of one picture
        conversions.acquireUninterruptibly();
        try {
            return convert(original, dimension);
        } finally {
            conversions.release();
        }
    }

    /** A JPEG within 1080×1920 whose sides are 9:16 (to the pixel). */
    static boolean isStoryReady(String mime, Dimension d) {
        return ("image/jpeg".equals(mime) || "image/jpg".equals(mime))
                && d.width <= WIDTH
                && d.height <= HEIGHT
                && Math.abs(d.width * 16L - d.height * 9L) <= 16;
    }

    private static StoryMedia convert(Path original, Dimension dimension) {
        Path target = null;
        try {
            BufferedImage source = decodeSubsampled(original, dimension);
            target = Files.createTempFile("storyline-story-", ".jpg");
            Thumbnails.of(source)
                    .size(WIDTH, HEIGHT) // fit inside, keeping the aspect ratio
                    .addFilter(new Canvas(WIDTH, HEIGHT, Positions.CENTER, false, Color.BLACK))
                    .imageType(BufferedImage.TYPE_INT_RGB) // JPEG has no alpha channel
                    .outputFormat("jpg")
                    .outputQuality(0.9)
                    .allowOverwrite(true)
                    .toFile(target.toFile());
            return new StoryMedia(target, "image/jpeg", ".jpg", Files.size(target), true);
        } catch (IOException | RuntimeException e) {
            deleteQuietly(target);
            throw HostingException.permanent(
                    "could not convert " + original.getFileName() + " to a Story-ready JPEG: " + e.getMessage(), e);
        }
    }

    /**
     * Decodes every n-th pixel of every n-th row, n chosen from the header size so the picture is still
     * at least as large as the Story it becomes: a 48 MP photo costs a few MB of heap, not 200.
     */
    private static BufferedImage decodeSubsampled(Path file, Dimension dimension) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw new IOException("not a readable image");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                ImageReadParam param = reader.getDefaultReadParam();
                int step = subsamplingFor(dimension.width, dimension.height);
                param.setSourceSubsampling(step, step, 0, 0);
                return reader.read(0, param);
            } finally {
                reader.dispose();
            }
        }
    }

    /**
     * The largest step that keeps the decoded picture at least as large as its fit inside 1080×1920: the
     * side that limits the fit decides (a panorama is shrunk by its width).
     */
    static int subsamplingFor(int width, int height) {
        return Math.max(1, Math.max(width / WIDTH, height / HEIGHT));
    }

    /** Reads only the header, not the pixels. */
    private static Dimension dimensionsOf(Path file) {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw HostingException.permanent(file.getFileName() + " is not a readable image", null);
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                return new Dimension(reader.getWidth(0), reader.getHeight(0));
            } finally {
                reader.dispose();
            }
        } catch (IOException e) {
            throw HostingException.permanent(file.getFileName() + " is not a readable image: " + e.getMessage(), e);
        }
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw HostingException.permanent("cannot read " + file.getFileName() + ": " + e.getMessage(), e);
        }
    }

    static String extensionOf(String mediaPath) {
        return HostedNames.extensionOf(mediaPath);
    }

    public static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a temporary file; the OS cleans up eventually
            }
        }
    }
}
