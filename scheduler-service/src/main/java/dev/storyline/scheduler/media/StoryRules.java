package dev.storyline.scheduler.media;

import dev.storyline.contracts.media.StoryLimits;
import java.util.List;
import java.util.Locale;

/**
 * Instagram's Story rules applied to what the inspector found, with the limits every service shares
 * ({@link StoryLimits#INSTAGRAM}). Errors make an item invalid (never scheduled); warnings are shown but
 * the item can still be posted (upload-worker converts images).
 */
final class StoryRules {

    static final StoryLimits LIMITS = StoryLimits.INSTAGRAM;
    static final double STORY_RATIO = 9.0 / 16.0;

    private StoryRules() {}

    static void checkImageSize(long size, List<String> errors) {
        if (size > LIMITS.imageSourceMaxBytes()) {
            errors.add("image is " + mb(size) + ", larger than the " + mb(LIMITS.imageSourceMaxBytes())
                    + " accepted for conversion");
        }
    }

    /** From the header alone: decoding a picture over the pixel budget could exhaust memory. */
    static boolean checkPixelBudget(int width, int height, List<String> errors) {
        if (LIMITS.withinPixelBudget(width, height)) {
            return true;
        }
        errors.add("image is " + width + "x" + height + " (" + StoryLimits.megapixels((long) width * height)
                + " MP), over the " + LIMITS.pixelBudgetText() + " pixel budget; scale it down");
        return false;
    }

    static void checkImage(String mime, Integer width, Integer height, List<String> errors, List<String> warnings) {
        if (!LIMITS.hostedImageTypes().contains(mime)) {
            warnings.add(mime + " will be converted to JPEG before upload");
        }
        if (width == null || height == null) {
            return;
        }
        int min = LIMITS.imageMinSide();
        if (width < min || height < min) {
            errors.add("image is " + width + "x" + height + ", smaller than " + min + " px on a side");
            return;
        }
        double ratio = (double) width / height;
        if (Math.abs(ratio - STORY_RATIO) > 0.02) {
            warnings.add("aspect ratio " + width + ":" + height + " is not 9:16; it will be letterboxed");
        }
        if (width > LIMITS.storyWidth() || height > LIMITS.storyHeight()) {
            warnings.add("image is " + width + "x" + height + "; it will be scaled to at most " + LIMITS.storyWidth()
                    + "x" + LIMITS.storyHeight());
        }
    }

    static void checkVideoSize(long size, List<String> errors) {
        if (size > LIMITS.videoMaxBytes()) {
            errors.add("video is " + size + " bytes, over the " + StoryLimits.bytesText(LIMITS.videoMaxBytes()) + " ("
                    + LIMITS.videoMaxBytes() + " bytes) Story limit");
        }
    }

    static void checkVideo(long size, VideoProbe.VideoInfo video, List<String> errors, List<String> warnings) {
        checkVideoSize(size, errors);
        long minMs = LIMITS.videoMinDuration().toMillis();
        long maxMs = LIMITS.videoMaxDuration().toMillis();
        if (video.durationMs() < 0) {
            errors.add("video has no readable duration");
        } else if (video.durationMs() < minMs || video.durationMs() > maxMs) {
            errors.add(String.format(
                    Locale.ROOT,
                    "video lasts %.1f s; Stories take %d-%d s",
                    video.durationMs() / 1000.0,
                    LIMITS.videoMinDuration().toSeconds(),
                    LIMITS.videoMaxDuration().toSeconds()));
        }
        if (video.codec() == null) {
            errors.add("video has no picture track");
        } else if (!LIMITS.videoCodecs().contains(video.codec())) {
            errors.add("video codec " + video.codec() + " is not H.264 or HEVC");
        }
        if (video.width() > LIMITS.videoMaxWidth()) {
            errors.add(
                    "video is " + video.width() + " px wide, over the " + LIMITS.videoMaxWidth() + " px Story limit");
        }
        if (video.width() > 0
                && video.height() > 0
                && Math.abs((double) video.width() / video.height() - STORY_RATIO) > 0.02) {
            warnings.add("video aspect ratio " + video.width() + ":" + video.height() + " is not 9:16");
        }
    }

    private static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1024.0 / 1024.0);
    }
}
