package dev.storyline.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.storyline.testkit.Eventually;
import java.awt.Color;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The walking skeleton across real processes and the real broker: index → slot → PostRequested →
 * MediaHosted (local provider) → PostPublished (dry-run) → posting_history.
 */
class WalkingSkeletonTest {

    private static StorylineSystem system;

    @BeforeAll
    static void startTheSystem() {
        system = new StorylineSystem("walking_skeleton");
        system.storyImage("memes/first.jpg", Color.MAGENTA);
        // Flyway migrations of five schemas run in parallel harmlessly: each service owns its own schema.
        system.start("scheduler-service", "upload-worker", "instagram-worker", "telegram-worker", "token-worker");
    }

    @AfterAll
    static void stopTheSystem() {
        system.close();
    }

    @Test
    void one_story_travels_the_whole_pipeline_in_dry_run() throws Exception {
        Eventually.await(
                Duration.ofSeconds(30),
                "media indexed",
                () -> system.admin("GET", "/api/accounts/default/media").size() == 1);

        String postId = system.admin("POST", "/api/accounts/default/post-next")
                .get("postId")
                .asText();

        JsonNode history = Eventually.await(
                Duration.ofSeconds(60),
                "history for " + postId,
                () -> system.admin("GET", "/api/accounts/default/history"),
                h -> h.size() > 0);
        JsonNode entry = history.get(0);
        assertThat(entry.get("postId").asText()).isEqualTo(postId);
        assertThat(entry.get("status").asText()).isEqualTo("PUBLISHED");
        assertThat(entry.get("method").asText()).isEqualTo("instagram_api");
        assertThat(entry.get("dryRun").asBoolean()).isTrue();
        assertThat(entry.get("mediaPath").asText()).isEqualTo("memes/first.jpg");

        // the upload worker hosted it once, and deleted the hosted copy after the post: the link is dead
        assertThat(system.infra
                        .jdbc("upload")
                        .sql("select count(*) from uploads where post_id = cast(:p as uuid)")
                        .param("p", postId)
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
        String url = Eventually.await(
                        Duration.ofSeconds(30),
                        "hosted copy deleted after the post",
                        () -> system.infra
                                .jdbc("upload")
                                .sql(
                                        "select url from uploads where post_id = cast(:p as uuid) and deleted_at is not null")
                                .param("p", postId)
                                .query(String.class)
                                .optional(),
                        java.util.Optional::isPresent)
                .orElseThrow();
        HttpResponse<byte[]> hosted = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(hosted.statusCode()).isEqualTo(404);

        // and the instagram worker published it exactly once
        assertThat(system.infra
                        .jdbc("instagram")
                        .sql("select count(*) from publications where post_id = cast(:p as uuid)")
                        .param("p", postId)
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void every_service_reports_liveness_readiness_and_prometheus_metrics_on_its_management_port() throws Exception {
        for (ServiceProcess service : system.services()) {
            for (String probe : List.of("/actuator/health/liveness", "/actuator/health/readiness")) {
                HttpResponse<String> response =
                        StorylineSystem.get(service.managementUrl().resolve(probe));
                assertThat(response.statusCode())
                        .as(service.module() + probe + ": " + response.body())
                        .isEqualTo(200);
            }
            HttpResponse<String> anonymous =
                    StorylineSystem.get(service.managementUrl().resolve("/actuator/health/readiness"));
            assertThat(anonymous.body()).as("details only when authorised").doesNotContain("components");
            HttpResponse<String> readiness =
                    StorylineSystem.getAsAdmin(service.managementUrl().resolve("/actuator/health/readiness"));
            assertThat(StorylineSystem.json(readiness.body()).path("components").fieldNames())
                    .toIterable()
                    .as(service.module() + " readiness checks")
                    .contains("db", "rabbit");
            assertThat(StorylineSystem.get(service.baseUrl().resolve("/actuator/prometheus"))
                            .statusCode())
                    .as("no metrics on the API port")
                    .isEqualTo(401);
            HttpResponse<String> metrics =
                    StorylineSystem.get(service.managementUrl().resolve("/actuator/prometheus"));
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body()).as(service.module()).contains("storyline_outbox_backlog", "storyline_dlq_depth");
        }
    }
}
