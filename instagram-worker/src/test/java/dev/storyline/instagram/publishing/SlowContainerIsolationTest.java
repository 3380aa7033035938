package dev.storyline.instagram.publishing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storyline.contracts.events.EventEnvelope;
import dev.storyline.contracts.events.MediaHosted;
import dev.storyline.contracts.events.PostPublished;
import dev.storyline.instagram.HostedEvents;
import dev.storyline.instagram.InstagramTest;
import dev.storyline.testkit.EventTap;
import dev.storyline.testkit.Eventually;
import dev.storyline.testkit.IsolatedInfrastructure;
import dev.storyline.testkit.fakes.FakeGraphApi;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A post whose container Meta is slow to process (a video can take minutes) holds only the consumer it is
 * on: INSTAGRAM_CONCURRENCY (default 4) consumers share the queue, so another account's post published
 * after it goes out meanwhile.
 */
@InstagramTest(
        properties = {
            "storyline.instagram.dry-run=false",
            "storyline.instagram.access-token=" + FakeGraphApi.TOKEN,
            "storyline.instagram.graph-api-version=" + FakeGraphApi.VERSION,
            "storyline.instagram.container-poll.interval=100ms",
            "storyline.instagram.container-poll.max-interval=100ms",
            "storyline.instagram.container-poll.video-timeout=30s",
            "storyline.outbox.poll-interval=100ms"
        })
class SlowContainerIsolationTest {

    private static final FakeGraphApi GRAPH = new FakeGraphApi();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("storyline.instagram.graph-base-url", GRAPH::baseUrl);
    }

    @AfterAll
    static void stopGraph() {
        GRAPH.close();
    }

    private EventTap tap;

    @BeforeEach
    void listen() {
        tap = EventTap.on(IsolatedInfrastructure.forClass(SlowContainerIsolationTest.class), "post.published");
    }

    @AfterEach
    void close() {
        tap.close();
    }

    @Test
    void another_accounts_post_is_published_while_a_slow_video_container_is_still_processing() {
        String slowIg = igUserId();
        String quickIg = igUserId();
        // about 8 s of IN_PROGRESS answers, polled every 100 ms
        GRAPH.account(slowIg).inProgressPolls(80);
        EventEnvelope<MediaHosted> video = HostedEvents.video("account-" + slowIg, slowIg, GRAPH);
        EventEnvelope<MediaHosted> image = HostedEvents.image("account-" + quickIg, quickIg, GRAPH);

        tap.publish(video);
        Eventually.await(
                Duration.ofSeconds(10), "the video's container polled", () -> GRAPH.count(slowIg, "status") >= 3);
        tap.publish(image);

        tap.await(image.postId(), PostPublished.class, Duration.ofSeconds(5));
        assertThat(tap.eventsFor(video.postId()))
                .as("the video's container is still processing when the other account's image is out")
                .isEmpty();
        assertThat(GRAPH.count(slowIg, "publish")).isZero();

        tap.await(video.postId(), PostPublished.class, Duration.ofSeconds(30));
        assertThat(GRAPH.count(slowIg, "publish")).isEqualTo(1);
        assertThat(GRAPH.count(quickIg, "publish")).isEqualTo(1);
    }

    private static String igUserId() {
        return "1784150" + ThreadLocalRandom.current().nextInt(10_000_000, 99_999_999);
    }
}
