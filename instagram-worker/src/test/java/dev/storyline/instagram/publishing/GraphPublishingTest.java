package dev.storyline.instagram.publishing;

import dev.storyline.contracts.events.EventEnvelope;
import dev.storyline.contracts.events.EventPayload;
import dev.storyline.contracts.events.FallbackReason;
import dev.storyline.contracts.events.FallbackRequested;
import dev.storyline.contracts.events.MediaHosted;
import dev.storyline.contracts.events.PostPublished;
import dev.storyline.instagram.EventBus;
import dev.storyline.instagram.FakeGraphApi;
import dev.storyline.instagram.FakeGraphApi.Reply;
import dev.storyline.instagram.HostedEvents;
import dev.storyline.testkit.IsolatedInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DRY_RUN=false against a wire-level fake Graph API. Every test checks the fake's own count of
 * media_publish calls: never more than one per post.
 */
@SpringBootTest(properties = {
        "storyline.instagram.dry-run=false",
        "storyline.instagram.access-token=" + FakeGraphApi.TOKEN,
        "storyline.instagram.graph-api-version=" + FakeGraphApi.VERSION,
        "storyline.instagram.max-attempts=3",
        "storyline.instagram.container-poll.interval=50ms",
        "storyline.instagram.container-poll.max-interval=100ms",
        "storyline.instagram.container-poll.image-timeout=3s",
        "storyline.instagram.container-poll.video-timeout=3s",
        "storyline.instagram.http.connect-timeout=1s",
        "storyline.instagram.http.read-timeout=1s",
        "storyline.consumer.max-attempts=5",
        "storyline.consumer.initial-backoff=100ms",
        "storyline.consumer.max-backoff=300ms",
        "storyline.outbox.poll-interval=100ms",
        "server.port=0"})
class GraphPublishingTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final FakeGraphApi GRAPH = new FakeGraphApi();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        IsolatedInfrastructure.forClass(GraphPublishingTest.class).register(registry);
        registry.add("storyline.instagram.graph-base-url", GRAPH::baseUrl);
    }

    @AfterAll
    static void stopGraph() {
        GRAPH.close();
    }

    @Autowired
    JdbcClient jdbc;
    @Autowired
    Publications publications;

    private EventBus bus;
    private String ig;

    @BeforeEach
    void listen() {
        bus = new EventBus(IsolatedInfrastructure.forClass(GraphPublishingTest.class));
        ig = "1784140" + ThreadLocalRandom.current().nextInt(10_000_000, 99_999_999);
    }

    @AfterEach
    void close() {
        bus.close();
    }

    @Test
    void publishes_an_image_story_once_the_container_is_finished() {
        GRAPH.account(ig).inProgressPolls(2);
        EventEnvelope<MediaHosted> event = HostedEvents.image(ig, false);
        bus.publish(event);

        PostPublished published = published(bus.awaitOutcome(event.postId(), WAIT));
        assertThat(published.dryRun()).isFalse();
        assertThat(published.storyId()).isEqualTo("story-" + published.containerId());
        assertThat(GRAPH.createForms(ig)).singleElement().isEqualTo(Map.of(
                "media_type", "STORIES", "image_url", event.payload().url()));
        assertThat(GRAPH.calls(ig)).containsExactly("create", "status", "status", "status", "publish");
        assertThat(row(event)).containsEntry("status", "PUBLISHED").containsEntry("dry_run", false)
                .containsEntry("container_id", published.containerId()).containsEntry("story_id", published.storyId());
    }

    @Test
    void creates_a_video_story_from_the_video_url() {
        EventEnvelope<MediaHosted> event = HostedEvents.video(ig, false);
        bus.publish(event);

        published(bus.awaitOutcome(event.postId(), WAIT));
        assertThat(GRAPH.createForms(ig)).singleElement().isEqualTo(Map.of(
                "media_type", "STORIES", "video_url", event.payload().url()));
        assertThat(GRAPH.count(ig, "publish")).isEqualTo(1);
    }

    @Test
    void does_not_publish_again_when_the_post_is_redelivered_after_publishing() {
        EventEnvelope<MediaHosted> event = HostedEvents.image(ig, false);
        bus.publish(event);
        bus.awaitOutcome(event.postId(), WAIT);

        bus.publish(event);
        bus.publish(HostedEvents.again(event));
        assertNothingMoreFor(event);

        assertThat(GRAPH.count(ig, "create")).isEqualTo(1);
        assertThat(GRAPH.count(ig, "publish")).isEqualTo(1);
    }

    @Test
    void never_repeats_a_publish_whose_answer_was_lost_and_lets_the_container_status_decide() {
        // media_publish takes effect at Meta but answers after the client's 1s timeout: the worker
        // fails at the worst moment, and the retry must find the Story live instead of posting it again.
        GRAPH.account(ig).publishAnswersAfter(Duration.ofSeconds(2));
        EventEnvelope<MediaHosted> event = HostedEvents.image(ig, false);
        bus.publish(event);

        PostPublished published = published(bus.awaitOutcome(event.postId(), WAIT));
        assertThat(published.containerId()).isNotNull();
        assertThat(GRAPH.count(ig, "publish")).isEqualTo(1);
        assertThat(row(event)).containsEntry("status", "PUBLISHED").containsEntry("attempts", 2);
        assertNothingMoreFor(event);
    }

    @Test
    void retries_a_transient_server_error_and_publishes_once() {
        GRAPH.account(ig).failCreate(1, Reply.error(500, "OAuthException", 2, null,
                "An unexpected error has occurred. Please retry your request later.", true));
        EventEnvelope<MediaHosted> event = HostedEvents.image(ig, false);
        bus.publish(event);

        published(bus.awaitOutcome(event.postId(), WAIT));
        assertThat(GRAPH.count(ig, "create")).isEqualTo(2);
        assertThat(GRAPH.count(ig, "publish")).isEqualTo(1);
    }

    @Test
    void falls_back_with_metas_message_when_the_token_has_expired() {
        GRAPH.account(ig).failCreate(1, Reply.expiredToken());
        EventEnvelope<MediaHosted> event = HostedEvents.image(ig, false);
        bus.publish(event);

        EventEnvelope<EventPayload> outcome = bus.awaitOutcome(event.postId(), WAIT);
        FallbackRequested fallback = fallback(outcome, FallbackReason.TOKEN_EXPIRED);
        assertThat(outcome.routingKey()).isEqualTo("post.fallback.token_expired");
        assertThat(fallback.message()).contains("Error validating access token").contains("code 190, subcode 463");
        assertThat(fallback.hostedUrl()).isEqualTo(event.payload().url());
        assertThat(fallback.content()).isEqualTo(event.payload().content());
        assertThat(GRAPH.count(ig, "publish")).isZero();
        assertThat(row(event)).containsEntry("status", "FAILED");
        assertThat((String) row(event).get("last_error")).startsWith("TOKEN_EXPIRED: Error validating access token");
        assertNothingMoreFor(event);
    }

    @Test
    void falls_back_as_rate_limited_when_meta_throttles() {
        GRAPH.account(ig).failCreate(1, Reply.error(400, "OAuthException", 4, null, "Application request limit reached", false));
        EventEnvelope<MediaHosted> event = HostedEvents.image(ig, false);
        bus.publish(event);

        fallback(bus.awaitOutcome(event.postId(), WAIT), FallbackReason.RATE_LIMITED);
        assertThat(GRAPH.count(ig, "create")).as("not retried").isEqualTo(1);
        assertThat(GRAPH.count(ig, "publish")).isZero();
    }

    @Test
    void falls_back_as_media_rejected_when_the_container_ends_in_error() {
        GRAPH.account(ig).containerEndsIn("ERROR", "Error: 2207026 unsupported video format");
        EventEnvelope<MediaHosted> event = HostedEvents.video(ig, false);
        bus.publish(event);

        FallbackRequested fallback = fallback(bus.awaitOutcome(event.postId(), WAIT), FallbackReason.MEDIA_REJECTED);
        assertThat(fallback.message()).contains("2207026");
        assertThat(GRAPH.count(ig, "publish")).isZero();
    }

    @Test
    void falls_back_as_api_unavailable_when_transient_failures_outlast_the_attempts() {
        GRAPH.account(ig).failCreate(10, new Reply(503, "<html><body>Service Unavailable</body></html>"));
        EventEnvelope<MediaHosted> event = HostedEvents.image(ig, false);
        bus.publish(event);

        fallback(bus.awaitOutcome(event.postId(), WAIT), FallbackReason.API_UNAVAILABLE);
        assertThat(GRAPH.count(ig, "create")).isEqualTo(3);
        assertThat(row(event)).containsEntry("attempts", 3).containsEntry("status", "FAILED");
    }

    @Test
    void an_event_marked_dry_run_never_reaches_the_graph_api() {
        EventEnvelope<MediaHosted> event = HostedEvents.image(ig, true);
        bus.publish(event);

        PostPublished published = published(bus.awaitOutcome(event.postId(), WAIT));
        assertThat(published.dryRun()).isTrue();
        assertThat(published.storyId()).isEqualTo("dry-run-" + event.postId());
        assertThat(GRAPH.calls(ig)).isEmpty();
    }

    @Test
    void two_workers_racing_on_one_post_get_one_claim() throws Exception {
        UUID post = UUID.randomUUID();
        CyclicBarrier together = new CyclicBarrier(2);
        Callable<Claim> claim = () -> {
            together.await();
            return publications.claim(post, "default", false, Duration.ofMinutes(1));
        };
        ExecutorService workers = Executors.newFixedThreadPool(2);
        try {
            List<Future<Claim>> racing = List.of(workers.submit(claim), workers.submit(claim));
            List<Claim> claims = List.of(racing.get(0).get(), racing.get(1).get());
            assertThat(claims).filteredOn(Claim.Granted.class::isInstance).hasSize(1);
            assertThat(claims).filteredOn(Claim.Busy.class::isInstance).hasSize(1);
        } finally {
            workers.shutdownNow();
        }
    }

    @Test
    void a_lapsed_claim_is_taken_over_and_its_old_holder_can_no_longer_move_the_post() throws Exception {
        UUID post = UUID.randomUUID();
        Publication crashed = ((Claim.Granted) publications.claim(post, "default", false, Duration.ofMillis(200))).publication();
        Thread.sleep(400);
        Publication successor = ((Claim.Granted) publications.claim(post, "default", false, Duration.ofMinutes(1))).publication();
        assertThat(successor.attempts()).isEqualTo(2);

        assertThat(publications.recordContainer(crashed, "111")).isFalse();
        assertThat(publications.recordContainer(successor, "222")).isTrue();
        assertThat(publications.markPublishRequested(crashed)).isFalse();
        assertThat(publications.markPublishRequested(successor)).as("the once-only gate opens once").isTrue();
        assertThat(publications.markPublishRequested(successor)).isFalse();
    }

    private static PostPublished published(EventEnvelope<EventPayload> outcome) {
        assertThat(outcome.payload()).isInstanceOf(PostPublished.class);
        return (PostPublished) outcome.payload();
    }

    private static FallbackRequested fallback(EventEnvelope<EventPayload> outcome, FallbackReason reason) {
        assertThat(outcome.payload()).isInstanceOf(FallbackRequested.class);
        FallbackRequested fallback = (FallbackRequested) outcome.payload();
        assertThat(fallback.reasonCode()).isEqualTo(reason);
        return fallback;
    }

    private Map<String, Object> row(EventEnvelope<MediaHosted> event) {
        return jdbc.sql("select * from publications where post_id = :p").param("p", event.postId()).query().singleRow();
    }

    /** FIFO queue, one consumer, outbox in order: after a later post's outcome, no second one can be on its way. */
    private void assertNothingMoreFor(EventEnvelope<MediaHosted> event) {
        EventEnvelope<MediaHosted> marker = HostedEvents.image(ig, true);
        bus.publish(marker);
        bus.awaitOutcome(marker.postId(), WAIT);
        assertThat(bus.outcomesFor(event.postId())).hasSize(1);
    }
}
