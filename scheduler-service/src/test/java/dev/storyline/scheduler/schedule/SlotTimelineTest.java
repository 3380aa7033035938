package dev.storyline.scheduler.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.storyline.contracts.events.EventEnvelope;
import dev.storyline.contracts.events.FallbackReason;
import dev.storyline.contracts.events.FallbackRequested;
import dev.storyline.contracts.events.ManualAction;
import dev.storyline.contracts.events.PostContent;
import dev.storyline.contracts.events.PostMethod;
import dev.storyline.contracts.events.PostPublished;
import dev.storyline.scheduler.AdminApi;
import dev.storyline.scheduler.LibraryTest;
import dev.storyline.scheduler.MediaFiles;
import dev.storyline.scheduler.SchedulerTest;
import dev.storyline.scheduler.Slots;
import dev.storyline.scheduler.outcomes.ManualResolutions;
import dev.storyline.scheduler.outcomes.OutcomeRecorder;
import dev.storyline.testkit.Eventually;
import java.awt.Color;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A slot's whole story: each state change the scheduler makes adds one event in the same transaction, a
 * redelivered outcome adds none, and {@code GET /api/accounts/{id}/slots/{slot}} tells it in order.
 */
@SchedulerTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            SchedulerTest.API_ON,
            SchedulerTest.INSTAGRAM_USER,
            SchedulerTest.DRY_RUN,
            "storyline.admin.token=test-admin-token"
        })
class SlotTimelineTest extends LibraryTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(20);

    @LocalServerPort
    int port;

    @Autowired
    ManualResolutions resolutions;

    @Autowired
    OutcomeRecorder recorder;

    @Autowired
    SlotPlanner planner;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void a_post_the_api_gave_to_a_person_who_posted_it_from_the_console_tells_each_step_in_order() throws Exception {
        MediaFiles.storyJpeg(MEDIA_ROOT.resolve("memes/cat.jpg"), Color.ORANGE);
        library.index();
        UUID slot = library.insertDueSlot(Instant.now().minusSeconds(1));
        dispatcher.dispatchDue();

        EventEnvelope<FallbackRequested> fallback = EventEnvelope.forPost(
                "default",
                slot,
                new FallbackRequested(content(slot), FallbackReason.RATE_LIMITED, "Meta says: slow down", null));
        tap.publish(fallback);
        tap.publish(fallback);
        Eventually.await(WAIT, "fallback applied", () -> library.status(slot).equals("MANUAL_PENDING"));
        awaitConsumed(fallback);
        resolutions.resolve("default", slot, ManualAction.POSTED, "mia@example.com", "web-console");

        JsonNode story = get("/api/accounts/default/slots/" + slot);
        assertThat(story.path("id").asText()).isEqualTo(slot.toString());
        assertThat(story.path("status").asText()).isEqualTo("RESOLVED");
        assertThat(story.path("route").asText()).isEqualTo("MANUAL");
        assertThat(story.path("fallbackReason").asText()).isEqualTo("RATE_LIMITED");
        assertThat(story.path("outcome").asText()).isEqualTo("POSTED_MANUALLY");
        assertThat(story.path("outcomeBy").asText()).isEqualTo("mia@example.com");
        assertThat(story.path("mediaPath").asText()).isEqualTo("memes/cat.jpg");
        assertThat(story.path("mediaId").asText()).isNotBlank();
        assertThat(events(story))
                .containsExactly(
                        "DISPATCHED|AUTO (api_enabled): memes/cat.jpg, dry-run|-|-",
                        "FELL_BACK|RATE_LIMITED: Meta says: slow down|-|-",
                        "POSTED_MANUALLY|-|mia@example.com|web-console");
        assertThat(story.path("events").get(0).path("at").asText()).isNotBlank();
    }

    @Test
    void a_published_post_tells_its_story_id_once_however_often_the_outcome_arrives() throws Exception {
        MediaFiles.storyJpeg(MEDIA_ROOT.resolve("memes/dog.jpg"), Color.CYAN);
        library.index();
        UUID slot = library.insertDueSlot(Instant.now().minusSeconds(1));
        dispatcher.dispatchDue();

        EventEnvelope<PostPublished> published = EventEnvelope.forPost(
                "default",
                slot,
                new PostPublished("17900000001", "container-1", PostMethod.INSTAGRAM_API, Instant.now(), true));
        tap.publish(published);
        tap.publish(published);
        Eventually.await(WAIT, "published", () -> library.status(slot).equals("PUBLISHED"));
        awaitConsumed(published);
        // past the inbox too (a copy that arrives after the inbox forgot the first): the recorder adds nothing
        transactions.executeWithoutResult(status -> recorder.published(published));

        JsonNode story = get("/api/accounts/default/slots/" + slot);
        assertThat(story.path("storyId").asText()).isEqualTo("17900000001");
        assertThat(events(story))
                .containsExactly(
                        "DISPATCHED|AUTO (api_enabled): memes/dog.jpg, dry-run|-|-",
                        "PUBLISHED|story 17900000001|dry-run|-");
    }

    @Test
    void planning_and_an_empty_slot_are_told_too() throws Exception {
        LocalDate tomorrow = LocalDate.now().plusDays(1);
        int planned = planner.planDay(accounts.find("default").orElseThrow(), tomorrow);
        assertThat(planned).isPositive();
        assertThat(jdbc.sql("select count(*) from slot_events where type = 'PLANNED'")
                        .query(Integer.class)
                        .single())
                .isEqualTo(planned);

        UUID empty = library.insertDueSlot(Instant.now().minusSeconds(1));
        dispatcher.dispatchDue();
        assertThat(events(get("/api/accounts/default/slots/" + empty))).containsExactly("EMPTY|no eligible media|-|-");
    }

    @Test
    void another_accounts_slot_or_an_unknown_one_is_not_found_and_a_bad_id_is_named() throws Exception {
        jdbc.sql("""
                        insert into accounts (id, display_name) values ('brand-b', 'Brand B')
                        on conflict (id) do nothing
                        """).update();
        UUID theirs = UUID.randomUUID();
        jdbc.sql("insert into slots (id, account_id, slot_at, status) values (:id, 'brand-b', now(), 'PLANNED')")
                .param("id", theirs)
                .update();

        assertThat(send("/api/accounts/default/slots/" + theirs).statusCode()).isEqualTo(404);
        assertThat(send("/api/accounts/default/slots/" + UUID.randomUUID()).statusCode())
                .isEqualTo(404);
        assertThat(send("/api/accounts/nobody/slots/" + theirs).statusCode()).isEqualTo(404);
        // the same id in capitals is the same slot
        assertThat(send("/api/accounts/brand-b/slots/" + theirs.toString().toUpperCase())
                        .statusCode())
                .isEqualTo(200);

        for (String bad : List.of("not-a-slot", "-1", "9".repeat(300))) {
            HttpResponse<String> response = send("/api/accounts/default/slots/" + bad);
            assertThat(response.statusCode()).as(bad).isEqualTo(400);
            JsonNode problem = JSON.readTree(response.body());
            assertThat(problem.path("errors").get(0).path("field").asText()).isEqualTo("slot");
            assertThat(problem.path("errors").get(0).path("allowed").asText()).contains("UUID");
            assertThat(response.body()).doesNotContain("Exception").doesNotContain("java.");
        }
    }

    @Test
    void the_slot_story_is_in_the_openapi_description() throws Exception {
        HttpResponse<String> docs = send("/v3/api-docs");
        assertThat(docs.body()).contains("/api/accounts/{account}/slots/{slot}").contains("One slot and its timeline");
    }

    /** Each event as type|detail|by|via, "-" for none. */
    private static List<String> events(JsonNode story) {
        List<String> events = new ArrayList<>();
        story.path("events")
                .forEach(e -> events.add(String.join(
                        "|",
                        e.path("type").asText(),
                        text(e.path("detail")),
                        text(e.path("by")),
                        text(e.path("via")))));
        return events;
    }

    private static String text(JsonNode node) {
        return node.isNull() || node.isMissingNode() ? "-" : node.asText();
    }

    private PostContent content(UUID slot) {
        return new Slots(jdbc).content(slot);
    }

    /** Both deliveries of the event were taken off the queue, the second one dropped by the inbox. */
    private void awaitConsumed(EventEnvelope<?> event) {
        Eventually.await(
                WAIT,
                "the event consumed",
                () -> jdbc.sql("select count(*) from inbox where event_id = :id")
                                .param("id", event.eventId())
                                .query(Integer.class)
                                .single()
                        == 1);
    }

    private JsonNode get(String path) {
        return new AdminApi(port).json(path);
    }

    private HttpResponse<String> send(String path) {
        return new AdminApi(port).send(path);
    }
}
