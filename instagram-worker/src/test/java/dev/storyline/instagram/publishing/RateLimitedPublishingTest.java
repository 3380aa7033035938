package dev.storyline.instagram.publishing;

import dev.storyline.testkit.fakes.FakeGraphApi;

import dev.storyline.contracts.events.EventEnvelope;
import dev.storyline.contracts.events.EventPayload;
import dev.storyline.contracts.events.MediaHosted;
import dev.storyline.contracts.events.PostPublished;
import dev.storyline.instagram.EventBus;
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
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * INSTAGRAM_POSTS_PER_HOUR=1 over a 3 s window (an hour in production) and no in-process wait: a post over
 * the rate goes back to the broker and is published by a later attempt, never dropped and never twice.
 */
@SpringBootTest(properties = {
        "storyline.instagram.dry-run=false",
        "storyline.instagram.access-token=" + FakeGraphApi.TOKEN,
        "storyline.instagram.graph-api-version=" + FakeGraphApi.VERSION,
        "storyline.instagram.posts-per-hour=1",
        "storyline.instagram.rate-limit.window=3s",
        "storyline.instagram.rate-limit.max-wait=0s",
        "storyline.instagram.max-attempts=15",
        "storyline.instagram.container-poll.interval=50ms",
        "storyline.instagram.container-poll.max-interval=100ms",
        "storyline.instagram.http.connect-timeout=1s",
        "storyline.instagram.http.read-timeout=1s",
        "storyline.consumer.max-attempts=20",
        "storyline.consumer.initial-backoff=200ms",
        "storyline.consumer.max-backoff=500ms",
        "storyline.outbox.poll-interval=100ms",
        "server.port=0"})
class RateLimitedPublishingTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final FakeGraphApi GRAPH = new FakeGraphApi();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        IsolatedInfrastructure.forClass(RateLimitedPublishingTest.class).register(registry);
        registry.add("storyline.instagram.graph-base-url", GRAPH::baseUrl);
    }

    @AfterAll
    static void stopGraph() {
        GRAPH.close();
    }

    @Autowired
    JdbcClient jdbc;

    private EventBus bus;
    private String ig;
    private String account;

    @BeforeEach
    void listen() {
        bus = new EventBus(IsolatedInfrastructure.forClass(RateLimitedPublishingTest.class));
        ig = "1784150" + ThreadLocalRandom.current().nextInt(10_000_000, 99_999_999);
        account = "account-" + ig;
    }

    @AfterEach
    void close() {
        bus.close();
    }

    @Test
    void retries_a_post_over_the_hourly_rate_through_the_broker_instead_of_dropping_it() {
        EventEnvelope<MediaHosted> first = HostedEvents.image(account, ig, GRAPH);
        EventEnvelope<MediaHosted> second = HostedEvents.image(account, ig, GRAPH);
        bus.publish(first);
        bus.publish(second);

        EventEnvelope<EventPayload> firstOutcome = bus.awaitOutcome(first.postId(), WAIT);
        EventEnvelope<EventPayload> secondOutcome = bus.awaitOutcome(second.postId(), WAIT);
        assertThat(firstOutcome.payload()).isInstanceOf(PostPublished.class);
        assertThat(secondOutcome.payload()).isInstanceOf(PostPublished.class);
        assertThat(GRAPH.count(ig, "create")).isEqualTo(2);
        assertThat(GRAPH.count(ig, "publish")).isEqualTo(2);
        int secondAttempts = jdbc.sql("select attempts from publications where post_id = :p").param("p", second.postId())
                .query(Integer.class).single();
        assertThat(secondAttempts).as("the second post waited for the next window through the broker").isGreaterThan(1);
        assertThat(bus.outcomesFor(first.postId())).hasSize(1);
        assertThat(bus.outcomesFor(second.postId())).hasSize(1);
    }
}
