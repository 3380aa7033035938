package dev.storyline.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.storyline.testkit.Eventually;
import dev.storyline.testkit.media.TestVideos;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Real videos written by ffmpeg, judged by the packaged scheduler jar (what runs in production, with
 * its own class loading) and one of them published as a video Story through the Graph API fake.
 */
class VideoStoryTest {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static StorylineSystem system;

    @BeforeAll
    static void start() {
        TestVideos.assumeFfmpeg();
        system = new StorylineSystem("video_story").withWireFakes();
        system.start("scheduler-service", "upload-worker", "instagram-worker");
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void the_packaged_scheduler_judges_real_videos_with_the_right_reason() {
        Path clips = system.mediaRoot.resolve("video-library/clips");
        TestVideos.h264(clips.resolve("h264.mp4"), 1080, 1920, 5);
        TestVideos.hevc(clips.resolve("hevc.mp4"), 1080, 1920, 5);
        Path moovLast = TestVideos.h264MoovAtEnd(clips.resolve("moov-last.mp4"), 1080, 1920, 5);
        TestVideos.h264(clips.resolve("short.mp4"), 720, 1280, 2);
        TestVideos.h264(clips.resolve("long.mp4"), 720, 1280, 70);
        TestVideos.truncated(moovLast, clips.resolve("cut.mp4"), 0.5);
        TestVideos.vp9WebM(clips.resolve("webm.mp4"), 720, 1280, 4);
        account("video-library", "1784100000101");

        Map<String, JsonNode> media = new LinkedHashMap<>(); // by file name
        system.admin("GET", "/api/accounts/video-library/media")
                .forEach(item -> media.put(item.get("path").asText().replace("video-library/clips/", ""), item));

        assertThat(media.keySet())
                .containsExactlyInAnyOrder(
                        "h264.mp4", "hevc.mp4", "moov-last.mp4", "short.mp4", "long.mp4", "cut.mp4", "webm.mp4");
        for (String valid : List.of("h264.mp4", "hevc.mp4", "moov-last.mp4")) {
            assertThat(errors(media.get(valid))).as(valid).isEmpty();
            assertThat(media.get(valid).get("valid").asBoolean()).as(valid).isTrue();
            assertThat(media.get(valid).get("width").asInt()).as(valid).isEqualTo(1080);
            assertThat(media.get(valid).get("height").asInt()).as(valid).isEqualTo(1920);
            assertThat(media.get(valid).get("durationMs").asLong()).as(valid).isBetween(4_900L, 5_100L);
        }
        assertThat(errors(media.get("short.mp4"))).containsExactly("video lasts 2.0 s; Stories take 3-60 s");
        assertThat(errors(media.get("long.mp4"))).containsExactly("video lasts 70.0 s; Stories take 3-60 s");
        assertThat(errors(media.get("cut.mp4")))
                .singleElement()
                .asString()
                .startsWith("video cannot be read: ")
                .endsWith("(truncated)");
        assertThat(errors(media.get("webm.mp4")))
                .singleElement()
                .asString()
                .startsWith("unsupported type application/x-matroska");
    }

    @Test
    void a_video_story_is_created_with_its_video_url_polled_until_finished_and_published_once() {
        String ig = "1784100000102";
        system.graph.account(ig).inProgressPolls(3);
        TestVideos.h264(system.mediaRoot.resolve("video-story/clips/story.mp4"), 1080, 1920, 5);
        account("video-story", ig);

        UUID post = UUID.fromString(system.admin("POST", "/api/accounts/video-story/post-next")
                .get("postId")
                .asText());

        JsonNode entry = Eventually.awaitValue(
                WAIT,
                "post " + post + " in the history",
                () -> StreamSupport.stream(
                                system.admin("GET", "/api/accounts/video-story/history")
                                        .spliterator(),
                                false)
                        .filter(e -> e.get("postId").asText().equals(post.toString()))
                        .findFirst());
        assertThat(entry.get("status").asText()).isEqualTo("PUBLISHED");
        assertThat(entry.get("method").asText()).isEqualTo("instagram_api");
        assertThat(entry.get("mediaPath").asText()).isEqualTo("video-story/clips/story.mp4");
        List<Map<String, String>> created = system.graph.createForms(ig);
        assertThat(created).singleElement().satisfies(form -> {
            assertThat(form).containsEntry("media_type", "STORIES").doesNotContainKey("image_url");
            assertThat(form.get("video_url")).startsWith("http://127.0.0.1:");
        });
        assertThat(system.graph.count(ig, "status")).isGreaterThanOrEqualTo(4); // 3 × IN_PROGRESS, then FINISHED
        assertThat(system.graph.count(ig, "publish")).isEqualTo(1);
        assertThat(system.graph.calls(ig).indexOf("publish"))
                .isGreaterThan(system.graph.calls(ig).lastIndexOf("status"));
    }

    private static List<String> errors(JsonNode item) {
        return StreamSupport.stream(item.get("validationErrors").spliterator(), false)
                .map(JsonNode::asText)
                .toList();
    }

    /** A new account over its own media folder, indexed. */
    private static void account(String id, String instagramUserId) {
        Map<String, Object> account = new LinkedHashMap<>();
        account.put("id", id);
        account.put("displayName", id);
        account.put("instagramUserId", instagramUserId);
        account.put("apiEnabled", true);
        account.put("dryRun", false);
        account.put("tokenHealthy", true);
        account.put("paused", false);
        account.put("mediaSubdir", id);
        account.put("postsPerDay", 0);
        account.put("windowStartHour", 0);
        account.put("windowEndHour", 24);
        account.put("timezone", "UTC");
        account.put("jitterMinutes", 0);
        system.admin("POST", "/api/accounts", account);
        system.admin("POST", "/api/accounts/" + id + "/media/index");
    }
}
