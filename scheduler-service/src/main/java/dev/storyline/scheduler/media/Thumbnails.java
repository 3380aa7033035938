package dev.storyline.scheduler.media;

import dev.storyline.scheduler.SchedulerProperties;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Polygon;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Small JPEG previews of library items for the console's grid. An image is decoded subsampled (every
 * n-th pixel of every n-th row) so a 50 MP picture costs about a megapixel, and only when its header is
 * within the pixel budget: a decompression bomb gets the placeholder. Videos get a plain placeholder
 * (a frame would need a decoder the scheduler does not carry). Only two decodes run at once, and the
 * answers are kept in a bounded cache keyed by the file's size and modification time.
 */
@Component
public class Thumbnails {

    private static final Logger log = LoggerFactory.getLogger(Thumbnails.class);
    static final int LONG_SIDE = 320;
    private static final int CACHED = 512;

    private final MediaLibrary library;
    private final Path mediaRoot;
    private final Semaphore decoding = new Semaphore(2);
    private final byte[] videoPlaceholder = placeholder(true);
    private final byte[] otherPlaceholder = placeholder(false);
    private final Map<String, byte[]> cache = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, byte[]> eldest) {
            return size() > CACHED;
        }
    };

    public Thumbnails(MediaLibrary library, SchedulerProperties properties) {
        this.library = library;
        this.mediaRoot = properties.mediaRootPath();
    }

    /** The JPEG bytes of the item's thumbnail; an unknown item, or one whose file is gone or outside, is 404. */
    public byte[] of(String accountId, UUID mediaId) throws IOException {
        MediaLibrary.Item item = library.find(accountId, mediaId)
                .orElseThrow(() -> new NoSuchElementException("no media " + mediaId + " in account " + accountId));
        Path file = insideMediaRoot(item);
        if (item.mimeType() != null && StoryRules.LIMITS.videoTypes().contains(item.mimeType())) {
            return videoPlaceholder;
        }
        if (item.mimeType() == null || !StoryRules.LIMITS.imageTypes().contains(item.mimeType())) {
            return otherPlaceholder;
        }
        String key = mediaId + "|" + Files.size(file) + "|"
                + Files.getLastModifiedTime(file).toMillis();
        synchronized (cache) {
            byte[] cached = cache.get(key);
            if (cached != null) {
                return cached;
            }
        }
        byte[] made = imageThumbnail(file);
        synchronized (cache) {
            cache.put(key, made);
        }
        return made;
    }

    /** The item's file, refusing a path or a symbolic link that leads out of MEDIA_ROOT. */
    private Path insideMediaRoot(MediaLibrary.Item item) throws IOException {
        Path file = mediaRoot.resolve(item.path()).normalize();
        Path real;
        try {
            real = file.toRealPath();
        } catch (NoSuchFileException e) {
            throw new NoSuchElementException(
                    "media " + item.id() + " has no file any more (" + item.path() + "); no thumbnail");
        }
        if (!file.startsWith(mediaRoot) || !real.startsWith(mediaRoot.toRealPath())) {
            throw new NoSuchElementException(
                    "media " + item.id() + " leads outside the media folder; no thumbnail is made for it");
        }
        return real;
    }

    private byte[] imageThumbnail(Path file) {
        decoding.acquireUninterruptibly();
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                return otherPlaceholder;
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                if (!StoryRules.LIMITS.withinPixelBudget(width, height)) {
                    return otherPlaceholder;
                }
                ImageReadParam param = reader.getDefaultReadParam();
                int step = Math.max(1, Math.max(width, height) / (2 * LONG_SIDE));
                param.setSourceSubsampling(step, step, 0, 0);
                return jpeg(scaled(reader.read(0, param)));
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            log.info("no thumbnail for {}: {}", file, e.toString());
            return otherPlaceholder;
        } finally {
            decoding.release();
        }
    }

    /** Scaled to at most LONG_SIDE on the long side, onto white (a PNG's transparency has no JPEG form). */
    static BufferedImage scaled(BufferedImage source) {
        double factor = Math.min(1.0, (double) LONG_SIDE / Math.max(source.getWidth(), source.getHeight()));
        int w = Math.max(1, (int) Math.round(source.getWidth() * factor));
        int h = Math.max(1, (int) Math.round(source.getHeight() * factor));
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, w, h);
            g.drawImage(source, 0, 0, w, h, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    static byte[] jpeg(BufferedImage image) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(0.8f);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    /** A 9:16 grey card; a play triangle marks a video. */
    private static byte[] placeholder(boolean video) {
        int w = LONG_SIDE * 9 / 16;
        BufferedImage card = new BufferedImage(w, LONG_SIDE, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = card.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(new Color(0x3a3f47));
            g.fillRect(0, 0, w, LONG_SIDE);
            g.setColor(new Color(0xd8dde3));
            if (video) {
                g.fillPolygon(new Polygon(
                        new int[] {w / 2 - 22, w / 2 - 22, w / 2 + 28},
                        new int[] {LONG_SIDE / 2 - 30, LONG_SIDE / 2 + 30, LONG_SIDE / 2},
                        3));
            } else {
                g.drawRect(w / 2 - 30, LONG_SIDE / 2 - 30, 60, 60);
                g.drawLine(w / 2 - 30, LONG_SIDE / 2 - 30, w / 2 + 30, LONG_SIDE / 2 + 30);
            }
        } finally {
            g.dispose();
        }
        return jpeg(card);
    }
}
