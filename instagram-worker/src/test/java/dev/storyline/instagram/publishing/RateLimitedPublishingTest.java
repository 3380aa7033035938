package dev.storyline.instagram.publishing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storyline.contracts.events.EventEnvelope;
import dev.storyline.contracts.events.MediaHosted;
import dev.storyline.contracts.events.PostPublished;
import dev.storyline.instagram.HostedEvents;
import dev.storyline.instagram.InstagramTest;
import dev.storyline.testkit.EventTap;
import dev.storyline.testkit.IsolatedInfrastructure;
import dev.storyline.testkit.fakes.FakeGraphApi;
import java.time.Duration;
import java.util.List;
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
 * INSTAGRAM_POSTS_PER_HOUR=1 over an hour and a 1 s in-process wait: the instance's own pacing delays a
 * post while a permission is near, but never hands a post to a person while Meta's quota has room.
 */
@InstagramTest(
        properties = {
            "storyline.instagram.dry-run=false",
            "storyline.instagram.access-token=" + FakeGraphApi.TOKEN,
            "storyline.instagram.graph-api-version=" + FakeGraphApi.VERSION,
            "storyline.instagram.posts-per-hour=1",
            "storyline.instagram.rate-limit.window=1h",
            "storyline.instagram.rate-limit.max-wait=1s",
            "storyline.instagram.max-attempts=2",
            "storyline.instagram.container-poll.interval=50ms",
            "storyline.instagram.container-poll.max-interval=100ms",
            "storyline.instagram.http.connect-timeout=1s",
            "storyline.instagram.http.read-timeout=1s",
            "storyline.consumer.max-attempts=20",
            "storyline.consumer.initial-backoff=200ms",
            "storyline.consumer.max-backoff=500ms",
            "storyline.outbox.poll-interval=100ms"
        })
class RateLimitedPublishingTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final FakeGraphApi GRAPH = new FakeGraphApi();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("storyline.instagram.graph-base-url", GRAPH::baseUrl);
    }

    @AfterAll
    static void stopGraph() {
        GRAPH.close();
    }

    @Autowired
    JdbcClient jdbc;

    private EventTap tap;
    private String ig;
    private String account;

    @BeforeEach
    void listen() {
        tap = EventTap.on(
                IsolatedInfrastructure.forClass(RateLimitedPublishingTest.class), "post.published", "post.fallback.*");
        ig = "1784150" + ThreadLocalRandom.current().nextInt(10_000_000, 99_999_999);
        account = "account-" + ig;
    }

    @AfterEach
    void close() {
        tap.close();
    }

    @Test
    void publishes_a_burst_over_the_hourly_rate_within_metas_quota_instead_of_handing_it_to_a_person() {
        List<EventEnvelope<MediaHosted>> burst = List.of(
                HostedEvents.image(account, ig, GRAPH),
                HostedEvents.image(account, ig, GRAPH),
                HostedEvents.image(account, ig, GRAPH));
        burst.forEach(tap::publish);

        for (EventEnvelope<MediaHosted> post : burst) {
            assertThat(tap.awaitAnyFor(post.postId(), WAIT).payload()).isInstanceOf(PostPublished.class);
            assertThat(tap.eventsFor(post.postId())).hasSize(1);
        }
        assertThat(GRAPH.count(ig, "create")).isEqualTo(3);
        assertThat(GRAPH.count(ig, "publish")).isEqualTo(3);
    }

    @Test
    void still_falls_back_when_metas_own_quota_is_used_up() {
        GRAPH.account(ig).quota(25, 25);
        EventEnvelope<MediaHosted> post = HostedEvents.image(account, ig, GRAPH);
        tap.publish(post);

        assertThat(tap.awaitAnyFor(post.postId(), WAIT).payload())
                .isInstanceOfSatisfying(
                        dev.storyline.contracts.events.FallbackRequested.class,
                        f -> assertThat(f.reasonCode())
                                .isEqualTo(dev.storyline.contracts.events.FallbackReason.RATE_LIMITED));
        assertThat(GRAPH.count(ig, "publish")).isZero();
    }
}
