package dev.storyline.instagram.publishing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storyline.contracts.events.EventEnvelope;
import dev.storyline.contracts.events.EventPayload;
import dev.storyline.contracts.events.MediaHosted;
import dev.storyline.contracts.events.PostMethod;
import dev.storyline.contracts.events.PostPublished;
import dev.storyline.contracts.json.EventCodec;
import dev.storyline.contracts.messaging.Topology;
import dev.storyline.instagram.HostedEvents;
import dev.storyline.instagram.InstagramTest;
import dev.storyline.platform.consuming.FailureRouter;
import dev.storyline.testkit.EventTap;
import dev.storyline.testkit.Eventually;
import dev.storyline.testkit.IsolatedInfrastructure;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** DRY_RUN at its default (true): everything but the Graph API calls, and still exactly once per post. */
@InstagramTest(
        properties = {
            "storyline.outbox.poll-interval=100ms",
            "storyline.consumer.initial-backoff=100ms",
            "storyline.consumer.max-backoff=300ms"
        })
class DryRunPublishingTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Autowired
    JdbcClient jdbc;

    @Autowired
    RabbitTemplate rabbit;

    @Autowired
    EventCodec codec;

    private EventTap tap;

    @BeforeEach
    void listen() {
        tap = EventTap.on(
                IsolatedInfrastructure.forClass(DryRunPublishingTest.class), "post.published", "post.fallback.*");
    }

    @AfterEach
    void close() {
        tap.close();
    }

    @Test
    void publishes_once_in_dry_run_when_event_is_redelivered() {
        EventEnvelope<MediaHosted> event = HostedEvents.image("17841400000", true);
        tap.publish(event);
        tap.publish(event);

        EventEnvelope<EventPayload> outcome = tap.awaitAnyFor(event.postId(), WAIT);
        assertThat(outcome.payload()).isInstanceOfSatisfying(PostPublished.class, published -> {
            assertThat(published.dryRun()).isTrue();
            assertThat(published.storyId()).isEqualTo("dry-run-" + event.postId());
            assertThat(published.containerId()).isNull();
            assertThat(published.method()).isEqualTo(PostMethod.INSTAGRAM_API);
        });
        assertThat(outcome.correlationId()).isEqualTo(event.correlationId());
        assertThat(outcome.accountId()).isEqualTo(event.accountId());
        assertThat(outcome.eventId()).isNotEqualTo(event.eventId());

        assertNothingMoreFor(event);
    }

    @Test
    void emits_nothing_for_a_new_event_about_a_post_already_published() {
        EventEnvelope<MediaHosted> event = HostedEvents.image("17841400000", true);
        tap.publish(event);
        tap.awaitAnyFor(event.postId(), WAIT);

        tap.publish(HostedEvents.again(event));

        assertNothingMoreFor(event);
        assertThat(jdbc.sql("select attempts from publications where post_id = :p")
                        .param("p", event.postId())
                        .query(Integer.class)
                        .single())
                .as("a finished post is not claimed again")
                .isEqualTo(1);
    }

    @Test
    void records_the_dry_run_publication_in_its_row() {
        EventEnvelope<MediaHosted> event = HostedEvents.video("17841400000", true);
        tap.publish(event);
        tap.awaitAnyFor(event.postId(), WAIT);

        Map<String, Object> row = jdbc.sql("select * from publications where post_id = :p")
                .param("p", event.postId())
                .query()
                .singleRow();
        assertThat(row)
                .containsEntry("account_id", "default")
                .containsEntry("status", "PUBLISHED")
                .containsEntry("story_id", "dry-run-" + event.postId())
                .containsEntry("dry_run", true)
                .containsEntry("attempts", 1);
        assertThat(row.get("container_id")).isNull();
        assertThat(row.get("publish_requested_at"))
                .as("no Graph API call in dry-run")
                .isNull();
        assertThat(row.get("claimed_until")).as("the claim ends with the post").isNull();
    }

    @Test
    void writes_the_row_and_the_event_together_so_the_outbox_holds_exactly_one_outcome() {
        EventEnvelope<MediaHosted> event = HostedEvents.image("17841400000", true);
        tap.publish(event);
        tap.publish(HostedEvents.again(event));
        tap.awaitAnyFor(event.postId(), WAIT);
        assertNothingMoreFor(event);

        assertThat(jdbc.sql("select count(*) from outbox where post_id = :p")
                        .param("p", event.postId())
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void dead_letters_a_media_hosted_without_a_post_id() {
        EventEnvelope<MediaHosted> withPost = HostedEvents.image("17841400000", true);
        EventEnvelope<MediaHosted> event = new EventEnvelope<>(
                UUID.randomUUID(),
                withPost.type(),
                withPost.schemaVersion(),
                withPost.occurredAt(),
                withPost.accountId(),
                null,
                UUID.randomUUID(),
                withPost.payload());
        tap.publish(event);

        Message dead = Eventually.await(
                WAIT,
                "the event on " + Topology.INSTAGRAM_HOSTED.deadLetterQueue(),
                () -> {
                    Message m;
                    while ((m = rabbit.receive(Topology.INSTAGRAM_HOSTED.deadLetterQueue())) != null) {
                        if (new String(m.getBody(), StandardCharsets.UTF_8)
                                .contains(event.eventId().toString())) {
                            return m;
                        }
                    }
                    return null;
                },
                m -> m != null);
        assertThat((String) dead.getMessageProperties().getHeader(FailureRouter.REASON_HEADER))
                .isEqualTo("PERMANENT_FAILURE");
    }

    @Test
    void a_live_post_is_never_reported_published_by_a_dry_run_worker_but_dead_lettered_with_an_admin_alert() {
        EventEnvelope<MediaHosted> live = HostedEvents.image("17841400000", false);
        tap.publish(live);

        Message dead = Eventually.await(
                WAIT,
                "the live post on " + Topology.INSTAGRAM_HOSTED.deadLetterQueue(),
                () -> {
                    Message m;
                    while ((m = rabbit.receive(Topology.INSTAGRAM_HOSTED.deadLetterQueue())) != null) {
                        if (new String(m.getBody(), StandardCharsets.UTF_8)
                                .contains(live.eventId().toString())) {
                            return m;
                        }
                    }
                    return null;
                },
                m -> m != null);
        assertThat((String) dead.getMessageProperties().getHeader(FailureRouter.REASON_HEADER))
                .isEqualTo("PERMANENT_FAILURE");
        assertThat(jdbc.sql("select count(*) from outbox where post_id = :p and event_type = 'PostPublished'")
                        .param("p", live.postId())
                        .query(Integer.class)
                        .single())
                .isZero();
        assertThat(jdbc.sql("select body from outbox where post_id = :p and event_type = 'AdminAlert'")
                        .param("p", live.postId())
                        .query(String.class)
                        .list())
                .singleElement()
                .asString()
                .contains("DRY_RUN=true")
                .contains("planned live");
        assertThat(jdbc.sql("select count(*) from publications where post_id = :p")
                        .param("p", live.postId())
                        .query(Integer.class)
                        .single())
                .as("not even claimed")
                .isZero();
        assertThat(tap.eventsFor(live.postId())).isEmpty();
    }

    /**
     * The work queue is FIFO with one consumer and the outbox relays in insertion order: once a later
     * post's outcome has arrived, any second outcome for this post would have arrived before it.
     */
    private void assertNothingMoreFor(EventEnvelope<MediaHosted> event) {
        EventEnvelope<MediaHosted> marker = HostedEvents.image("17841400000", true);
        tap.publish(marker);
        tap.awaitAnyFor(marker.postId(), WAIT);
        assertThat(tap.eventsFor(event.postId())).hasSize(1);
    }
}
