package dev.storyline.scheduler.media;

import java.util.List;
import java.util.Set;

/**
 * Instagram Story limits (see shared/API-FACTS.md). Errors make an item invalid (never scheduled);
 * warnings are shown but the item can still be posted (the upload worker converts images).
 */
final class StoryRules {

    static final Set<String> IMAGE_TYPES = Set.of("image/jpeg", "image/png");
    static final Set<String> VIDEO_TYPES = Set.of("video/mp4", "video/quicktime");
    static final long MAX_IMAGE_SOURCE_BYTES = 30L * 1024 * 1024;
    static final long MAX_VIDEO_BYTES = 100L * 1024 * 1024;
    static final int MIN_DIMENSION = 320;
    static final double STORY_RATIO = 9.0 / 16.0;

    private StoryRules() {
    }

    static void checkImage(String mime, long size, Integer width, Integer height, List<String> errors, List<String> warnings) {
        if (size > MAX_IMAGE_SOURCE_BYTES) {
            errors.add("image is " + mb(size) + ", larger than the " + mb(MAX_IMAGE_SOURCE_BYTES) + " accepted for conversion");
        }
        if (!"image/jpeg".equals(mime)) {
            warnings.add(mime + " will be converted to JPEG before upload");
        }
        if (width == null || height == null) {
            return;
        }
        if (width < MIN_DIMENSION || height < MIN_DIMENSION) {
            errors.add("image is " + width + "x" + height + ", smaller than " + MIN_DIMENSION + " px on a side");
            return;
        }
        double ratio = (double) width / height;
        if (Math.abs(ratio - STORY_RATIO) > 0.02) {
            warnings.add("aspect ratio " + width + ":" + height + " is not 9:16; it will be letterboxed");
        }
        if (width > 1080 || height > 1920) {
            warnings.add("image is " + width + "x" + height + "; it will be scaled to at most 1080x1920");
        }
    }

    static final Set<String> VIDEO_CODECS = Set.of("avc1", "avc3", "hvc1", "hev1");
    static final long MIN_VIDEO_MS = 3_000;
    static final long MAX_VIDEO_MS = 60_000;
    static final int MAX_VIDEO_WIDTH = 1920;

    static void checkVideoSize(long size, List<String> errors) {
        if (size > MAX_VIDEO_BYTES) {
            errors.add("video is " + mb(size) + ", over the " + mb(MAX_VIDEO_BYTES) + " Story limit");
        }
    }

    static void checkVideo(long size, VideoProbe.VideoInfo video, List<String> errors, List<String> warnings) {
        checkVideoSize(size, errors);
        if (video.durationMs() < 0) {
            errors.add("video has no readable duration");
        } else if (video.durationMs() < MIN_VIDEO_MS || video.durationMs() > MAX_VIDEO_MS) {
            errors.add(String.format("video lasts %.1f s; Stories take 3-60 s", video.durationMs() / 1000.0));
        }
        if (video.codec() == null) {
            errors.add("video has no picture track");
        } else if (!VIDEO_CODECS.contains(video.codec())) {
            errors.add("video codec " + video.codec() + " is not H.264 or HEVC");
        }
        if (video.width() > MAX_VIDEO_WIDTH) {
            errors.add("video is " + video.width() + " px wide, over the " + MAX_VIDEO_WIDTH + " px Story limit");
        }
        if (video.width() > 0 && video.height() > 0 && Math.abs((double) video.width() / video.height() - STORY_RATIO) > 0.02) {
            warnings.add("video aspect ratio " + video.width() + ":" + video.height() + " is not 9:16");
        }
    }

    private static String mb(long bytes) {
        return String.format("%.1f MB", bytes / 1024.0 / 1024.0);
    }
}
