package dev.storyline.instagram.media;

import dev.storyline.contracts.media.StoryLimits;
import dev.storyline.instagram.InstagramProperties;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * validate_media: before Meta is asked to fetch the hosted copy, check that it answers, with a Story
 * content type and size ({@link StoryLimits}, the limits the scheduler plans with: image JPEG ≤ 8 MiB;
 * video MP4/MOV ≤ 100 MB). A ranged GET
 * ({@code Range: bytes=0-0}) rather than HEAD, because a presigned S3 URL is signed for GET only and
 * answers HEAD with 403. Bounded by INSTAGRAM_MEDIA_CHECK_TIMEOUT.
 */
@Component
public class MediaCheck {

    private static final StoryLimits LIMITS = StoryLimits.INSTAGRAM;
    public static final long MAX_IMAGE_BYTES = LIMITS.imageMaxBytes();
    public static final long MAX_VIDEO_BYTES = LIMITS.videoMaxBytes();
    private static final Set<String> IMAGE_TYPES = LIMITS.hostedImageTypes();
    private static final Set<String> VIDEO_TYPES = LIMITS.videoTypes();

    /** OK, or what is wrong and whether trying again later can help. */
    public record Verdict(Outcome outcome, String message) {

        public enum Outcome {
            OK,
            /** The hosting did not answer or answered 5xx: may work in a moment. */
            HOSTING_UNAVAILABLE,
            /** The hosted copy is gone, private or expired (4xx): Meta could not fetch it either. */
            HOSTING_BROKEN,
            /** The copy answers, but is not something a Story can be made of. */
            UNFIT
        }

        static Verdict ok() {
            return new Verdict(Outcome.OK, "ok");
        }
    }

    private final HttpClient http;
    private final Duration timeout;

    MediaCheck(InstagramProperties properties) {
        this.timeout = properties.mediaCheckTimeout();
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    /** @param declaredSize the size upload-worker recorded, used when the host does not say */
    public Verdict check(String url, boolean video, long declaredSize) {
        String shown = withoutQuery(url);
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            return new Verdict(Verdict.Outcome.HOSTING_BROKEN, "the hosted URL " + shown + " is not a valid URL");
        }
        HttpResponse<InputStream> response;
        try {
            response = http.send(
                    HttpRequest.newBuilder(uri)
                            .timeout(timeout)
                            .GET()
                            .header("Range", "bytes=0-0")
                            .build(),
                    HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpTimeoutException e) {
            return new Verdict(
                    Verdict.Outcome.HOSTING_UNAVAILABLE,
                    "the hosted copy " + shown + " did not answer within " + timeout);
        } catch (IOException e) {
            return new Verdict(
                    Verdict.Outcome.HOSTING_UNAVAILABLE, "the hosted copy " + shown + " could not be reached: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Verdict(Verdict.Outcome.HOSTING_UNAVAILABLE, "interrupted while checking " + shown);
        }
        try (InputStream ignored = response.body()) {
            return judge(response, shown, video, declaredSize);
        } catch (IOException e) {
            return judge(response, shown, video, declaredSize);
        }
    }

    private static Verdict judge(HttpResponse<?> response, String shown, boolean video, long declaredSize) {
        int status = response.statusCode();
        if (status >= 500 || status == 429) {
            return new Verdict(
                    Verdict.Outcome.HOSTING_UNAVAILABLE, "the hosted copy " + shown + " answers HTTP " + status);
        }
        if (status != 200 && status != 206) {
            return new Verdict(
                    Verdict.Outcome.HOSTING_BROKEN,
                    "the hosted copy " + shown + " answers HTTP " + status
                            + " instead of the media, so Instagram could not fetch it either");
        }
        String type = response.headers()
                .firstValue("Content-Type")
                .map(MediaCheck::mediaType)
                .orElse("(none)");
        Set<String> wanted = video ? VIDEO_TYPES : IMAGE_TYPES;
        if (!wanted.contains(type)) {
            return new Verdict(
                    Verdict.Outcome.UNFIT,
                    "the hosted " + (video ? "video" : "image") + " is served as " + type + "; Instagram Stories take "
                            + (video ? "video/mp4 or video/quicktime" : "image/jpeg only"));
        }
        OptionalLong served = size(response);
        if (served.isPresent() && served.getAsLong() == 0) {
            return new Verdict(Verdict.Outcome.UNFIT, "the hosted copy " + shown + " is empty");
        }
        long size = served.orElse(declaredSize);
        long max = video ? MAX_VIDEO_BYTES : MAX_IMAGE_BYTES;
        if (size > max) {
            return new Verdict(
                    Verdict.Outcome.UNFIT,
                    "the " + (video ? "video" : "image") + " is " + size + " bytes; "
                            + "Instagram Stories take at most " + StoryLimits.bytesText(max) + " (" + max + " bytes)");
        }
        return Verdict.ok();
    }

    /** 206 carries the full size after the slash of Content-Range; a server ignoring Range sends 200 with Content-Length. */
    private static OptionalLong size(HttpResponse<?> response) {
        if (response.statusCode() == 206) {
            String range = response.headers().firstValue("Content-Range").orElse("");
            int slash = range.lastIndexOf('/');
            if (slash >= 0 && !range.endsWith("*")) {
                try {
                    return OptionalLong.of(
                            Long.parseLong(range.substring(slash + 1).trim()));
                } catch (NumberFormatException ignored) {
                    return OptionalLong.empty();
                }
            }
            return OptionalLong.empty();
        }
        return response.headers().firstValueAsLong("Content-Length");
    }

    private static String mediaType(String contentType) {
        int semicolon = contentType.indexOf(';');
        return (semicolon >= 0 ? contentType.substring(0, semicolon) : contentType)
                .trim()
                .toLowerCase(Locale.ROOT);
    }

    /** Query strings of presigned URLs carry signatures; messages and logs get the path only. */
    private static String withoutQuery(String url) {
        int q = url == null ? -1 : url.indexOf('?');
        return q >= 0 ? url.substring(0, q) : String.valueOf(url);
    }
}
