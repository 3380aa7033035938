package dev.storyline.contracts.media;

import java.time.Duration;
import java.util.Set;

/**
 * What an Instagram Story accepts, in one place: the scheduler refuses to plan anything outside these
 * limits, upload-worker converts and hosts within them, and instagram-worker checks the hosted copy
 * against them. When the services disagree, a medium can be planned that always falls back and is
 * picked again, so every service reads its limits from {@link #INSTAGRAM}.
 *
 * @param imageSourceMaxBytes largest image file the scheduler accepts for conversion (the hosted copy is re-encoded)
 * @param imageMaxBytes       largest hosted JPEG a Story takes
 * @param videoMaxBytes       largest video a Story takes (hosted as is)
 * @param imageMaxPixels      pixel budget of a source image (width × height from its header): decoding a
 *                            bigger one could exhaust a worker's memory (a decompression bomb)
 * @param imageMinSide        shortest image side worth posting
 * @param videoMinDuration    shortest Story video
 * @param videoMaxDuration    longest Story video
 * @param videoMaxWidth       widest Story video, in pixels
 * @param storyWidth          width of a Story-ready image
 * @param storyHeight         height of a Story-ready image
 * @param imageTypes          image types the scheduler accepts (PNG is converted to JPEG)
 * @param hostedImageTypes    image types hosted for Meta to fetch
 * @param videoTypes          video container types
 * @param videoCodecs         video sample entry codes of H.264 and HEVC
 */
public record StoryLimits(
        long imageSourceMaxBytes,
        long imageMaxBytes,
        long videoMaxBytes,
        long imageMaxPixels,
        int imageMinSide,
        Duration videoMinDuration,
        Duration videoMaxDuration,
        int videoMaxWidth,
        int storyWidth,
        int storyHeight,
        Set<String> imageTypes,
        Set<String> hostedImageTypes,
        Set<String> videoTypes,
        Set<String> videoCodecs) {

    public static final StoryLimits INSTAGRAM = new StoryLimits(
            30L * 1024 * 1024,
            8L * 1024 * 1024,
            100_000_000L,
            50_000_000L,
            320,
            Duration.ofSeconds(3),
            Duration.ofSeconds(60),
            1920,
            1080,
            1920,
            Set.of("image/jpeg", "image/png"),
            Set.of("image/jpeg"),
            Set.of("video/mp4", "video/quicktime"),
            Set.of("avc1", "avc3", "hvc1", "hev1"));

    public StoryLimits {
        imageTypes = Set.copyOf(imageTypes);
        hostedImageTypes = Set.copyOf(hostedImageTypes);
        videoTypes = Set.copyOf(videoTypes);
        videoCodecs = Set.copyOf(videoCodecs);
    }

    /** Whether an image of this size fits the pixel budget; computed in long, so no side can overflow it. */
    public boolean withinPixelBudget(long width, long height) {
        return width > 0 && height > 0 && width * height <= imageMaxPixels;
    }

    /** {@code 50 MP} for messages. */
    public String pixelBudgetText() {
        return megapixels(imageMaxPixels) + " MP";
    }

    public static String megapixels(long pixels) {
        double mp = pixels / 1_000_000.0;
        return mp == Math.rint(mp) ? String.valueOf((long) mp) : String.format(java.util.Locale.ROOT, "%.1f", mp);
    }

    /** Sizes for people: {@code 100 MB} (decimal, as Meta states it) or {@code 8 MiB}. */
    public static String bytesText(long bytes) {
        if (bytes % (1024L * 1024) == 0) {
            return bytes / (1024L * 1024) + " MiB";
        }
        return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / 1_000_000.0)
                .replace(".0 MB", " MB");
    }
}
