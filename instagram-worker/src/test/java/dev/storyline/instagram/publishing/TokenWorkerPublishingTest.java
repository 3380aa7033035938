package dev.storyline.instagram.publishing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storyline.contracts.events.EventEnvelope;
import dev.storyline.contracts.events.EventPayload;
import dev.storyline.contracts.events.FallbackReason;
import dev.storyline.contracts.events.FallbackRequested;
import dev.storyline.contracts.events.MediaHosted;
import dev.storyline.contracts.events.PostPublished;
import dev.storyline.instagram.FakeTokenWorker;
import dev.storyline.instagram.HostedEvents;
import dev.storyline.instagram.InstagramTest;
import dev.storyline.testkit.EventTap;
import dev.storyline.testkit.IsolatedInfrastructure;
import dev.storyline.testkit.fakes.FakeGraphApi;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * DRY_RUN=false with TOKEN_WORKER_URL: every account's token comes from token-worker (a wire-level stub of
 * its internal endpoint), is reused for TOKEN_CACHE_TTL (an hour here, so only a rejection makes the worker
 * ask again), and is dropped as soon as Meta rejects it. No INSTAGRAM_ACCESS_TOKEN is set at all.
 */
@InstagramTest(
        properties = {
            "storyline.instagram.dry-run=false",
            "storyline.instagram.access-token=",
            "storyline.instagram.token-worker.internal-token=" + TokenWorkerPublishingTest.INTERNAL_TOKEN,
            "storyline.instagram.token-worker.cache-ttl=1h",
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
            "storyline.outbox.poll-interval=100ms"
        })
class TokenWorkerPublishingTest {

    static final String INTERNAL_TOKEN = "instagram-test-internal-token";

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final FakeGraphApi GRAPH = new FakeGraphApi();
    private static final FakeTokenWorker TOKEN_WORKER = new FakeTokenWorker(INTERNAL_TOKEN);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("storyline.instagram.graph-base-url", GRAPH::baseUrl);
        registry.add("storyline.instagram.token-worker.url", TOKEN_WORKER::baseUrl);
    }

    @AfterAll
    static void stopFakes() {
        GRAPH.close();
        TOKEN_WORKER.close();
    }

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MeterRegistry meters;

    private EventTap tap;
    private String ig;
    private String account;

    @BeforeEach
    void listen() {
        tap = EventTap.on(
                IsolatedInfrastructure.forClass(TokenWorkerPublishingTest.class), "post.published", "post.fallback.*");
        ig = "1784150" + ThreadLocalRandom.current().nextInt(10_000_000, 99_999_999);
        account = "account-" + ig;
    }

    @AfterEach
    void close() {
        tap.close();
    }

    @Test
    void publishes_with_the_token_token_worker_serves_and_reuses_it_within_the_cache_ttl() {
        TOKEN_WORKER.serve(account, FakeGraphApi.TOKEN);
        double timedBefore = publishTimings("published");

        EventEnvelope<MediaHosted> first = image();
        tap.publish(first);
        published(tap.awaitAnyFor(first.postId(), WAIT));
        EventEnvelope<MediaHosted> second = image();
        tap.publish(second);
        published(tap.awaitAnyFor(second.postId(), WAIT));

        assertThat(GRAPH.count(ig, "publish")).isEqualTo(2);
        assertThat(TOKEN_WORKER.requests(account))
                .as("asked once, with the internal bearer")
                .containsExactly("Bearer " + INTERNAL_TOKEN);
        assertThat(publishTimings("published")).isEqualTo(timedBefore + 2);
    }

    @Test
    void drops_a_token_meta_rejected_so_a_later_post_uses_the_refreshed_one() {
        TOKEN_WORKER.serve(account, "stale-token-before-the-refresh");
        EventEnvelope<MediaHosted> rejected = image();
        tap.publish(rejected);

        FallbackRequested fallback = fallback(tap.awaitAnyFor(rejected.postId(), WAIT), FallbackReason.TOKEN_EXPIRED);
        assertThat(fallback.message()).contains("code 190");
        assertThat(fallback.tokenGeneration())
                .as("names the token Meta rejected")
                .isEqualTo(TOKEN_WORKER.generation(account));
        assertThat(GRAPH.count(ig, "publish")).isZero();

        // token-worker refreshes the token; the worker's hour-long cache must not keep the dead one
        TOKEN_WORKER.serve(account, FakeGraphApi.TOKEN);
        EventEnvelope<MediaHosted> later = image();
        tap.publish(later);

        published(tap.awaitAnyFor(later.postId(), WAIT));
        assertThat(GRAPH.count(ig, "publish")).isEqualTo(1);
        assertThat(TOKEN_WORKER.requests(account)).hasSize(2);
    }

    @Test
    void falls_back_as_token_expired_when_token_worker_has_no_token_for_the_account() {
        EventEnvelope<MediaHosted> event = image();
        tap.publish(event);

        FallbackRequested fallback = fallback(tap.awaitAnyFor(event.postId(), WAIT), FallbackReason.TOKEN_EXPIRED);
        assertThat(fallback.message()).isEqualTo("no access token for account " + account);
        assertThat(fallback.hostedUrl()).isEqualTo(event.payload().url());
        assertThat(GRAPH.calls(ig)).isEmpty();
        assertThat(row(event)).containsEntry("status", "FAILED");
    }

    @Test
    void retries_while_token_worker_is_down_and_publishes_once_it_answers() {
        TOKEN_WORKER.serve(account, FakeGraphApi.TOKEN);
        TOKEN_WORKER.failNext(account, 1);
        EventEnvelope<MediaHosted> event = image();
        tap.publish(event);

        published(tap.awaitAnyFor(event.postId(), WAIT));
        assertThat(TOKEN_WORKER.requests(account)).hasSize(2);
        assertThat(GRAPH.count(ig, "publish")).isEqualTo(1);
        assertThat(row(event)).containsEntry("status", "PUBLISHED").containsEntry("attempts", 2);
    }

    @Test
    void falls_back_as_api_unavailable_when_token_worker_stays_down_for_every_attempt() {
        TOKEN_WORKER.serve(account, FakeGraphApi.TOKEN);
        TOKEN_WORKER.failNext(account, 10);
        EventEnvelope<MediaHosted> event = image();
        tap.publish(event);

        FallbackRequested fallback = fallback(tap.awaitAnyFor(event.postId(), WAIT), FallbackReason.API_UNAVAILABLE);
        assertThat(fallback.message())
                .contains("from token-worker")
                .contains("HTTP 503")
                .doesNotContain(FakeGraphApi.TOKEN);
        assertThat(TOKEN_WORKER.requests(account)).hasSize(3);
        assertThat(GRAPH.calls(ig)).isEmpty();
        assertThat(row(event)).containsEntry("status", "FAILED").containsEntry("attempts", 3);
    }

    private double publishTimings(String outcome) {
        var timer = meters.find("storyline_publish_duration_seconds")
                .tag("outcome", outcome)
                .timer();
        return timer == null ? 0 : timer.count();
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

    private EventEnvelope<MediaHosted> image() {
        return HostedEvents.image(account, ig, GRAPH);
    }

    private Map<String, Object> row(EventEnvelope<MediaHosted> event) {
        return jdbc.sql("select * from publications where post_id = :p")
                .param("p", event.postId())
                .query()
                .singleRow();
    }
}
