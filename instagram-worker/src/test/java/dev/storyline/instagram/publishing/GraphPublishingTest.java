package dev.storyline.instagram.publishing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.storyline.contracts.events.EventEnvelope;
import dev.storyline.contracts.events.EventPayload;
import dev.storyline.contracts.events.FallbackReason;
import dev.storyline.contracts.events.FallbackRequested;
import dev.storyline.contracts.events.MediaHosted;
import dev.storyline.contracts.events.PostPublished;
import dev.storyline.instagram.HostedEvents;
import dev.storyline.instagram.InstagramTest;
import dev.storyline.platform.lease.ClaimAttempt;
import dev.storyline.testkit.EventTap;
import dev.storyline.testkit.IsolatedInfrastructure;
import dev.storyline.testkit.fakes.FakeGraphApi;
import dev.storyline.testkit.fakes.FakeGraphApi.Reply;
import io.micrometer.core.instrument.MeterRegistry;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * DRY_RUN=false against a wire-level fake Graph API. Every test checks the fake's own count of
 * media_publish calls: never more than one per post.
 */
@InstagramTest(
        properties = {
            "storyline.instagram.dry-run=false",
            "storyline.instagram.access-token=" + FakeGraphApi.TOKEN,
            "storyline.instagram.graph-api-version=" + FakeGraphApi.VERSION,
            "storyline.instagram.max-attempts=3",
            "storyline.instagram.container-poll.interval=50ms",
            "storyline.instagram.container-poll.max-interval=100ms",
            "storyline.instagram.container-poll.image-timeout=3s",
            "storyline.instagram.container-poll.video-timeout=3s",
            "storyline.instagram.container-poll.publish-confirm-timeout=8s",
            "storyline.instagram.hosting-recovery-wait=2s",
            "storyline.instagram.http.connect-timeout=1s",
            "storyline.instagram.http.read-timeout=1s",
            "storyline.consumer.max-attempts=5",
            "storyline.consumer.initial-backoff=100ms",
            "storyline.consumer.max-backoff=300ms",
            "storyline.outbox.poll-interval=100ms",
            "storyline.admin.token=" + GraphPublishingTest.ADMIN_TOKEN
        })
@AutoConfigureMockMvc
class GraphPublishingTest {

    static final String ADMIN_TOKEN = "test-admin-token";

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

    @Autowired
    Publications publications;

    @Autowired
    StoryPublisher publisher;

    @Autowired
    dev.storyline.platform.inbox.Inbox inbox;

    @Autowired
    MeterRegistry meters;

    @Autowired
    MockMvc http;

    private EventTap tap;
    private String ig;
    private String account;

    @BeforeEach
    void listen() {
        tap = EventTap.on(
                IsolatedInfrastructure.forClass(GraphPublishingTest.class), "post.published", "post.fallback.*");
        ig = "1784140" + ThreadLocalRandom.current().nextInt(10_000_000, 99_999_999);
        account = "account-" + ig;
    }

    @AfterEach
    void close() {
        tap.close();
    }

    @Test
    void publishes_an_image_story_once_the_container_is_finished() {
        GRAPH.account(ig).inProgressPolls(2);
        EventEnvelope<MediaHosted> event = image();
        tap.publish(event);

        PostPublished published = published(tap.awaitAnyFor(event.postId(), WAIT));
        assertThat(published.dryRun()).isFalse();
        assertThat(published.storyId()).isEqualTo("story-" + published.containerId());
        assertThat(GRAPH.createForms(ig))
                .singleElement()
                .isEqualTo(Map.of(
                        "media_type", "STORIES", "image_url", event.payload().url()));
        assertThat(GRAPH.calls(ig))
                .containsExactly("media", "quota", "create", "status", "status", "status", "publish");
        assertThat(row(event))
                .containsEntry("status", "PUBLISHED")
                .containsEntry("dry_run", false)
                .containsEntry("container_id", published.containerId())
                .containsEntry("story_id", published.storyId());
    }

    @Test
    void creates_a_video_story_from_the_video_url() {
        EventEnvelope<MediaHosted> event = video();
        tap.publish(event);

        published(tap.awaitAnyFor(event.postId(), WAIT));
        assertThat(GRAPH.createForms(ig))
                .singleElement()
                .isEqualTo(Map.of(
                        "media_type", "STORIES", "video_url", event.payload().url()));
        assertThat(GRAPH.count(ig, "publish")).isEqualTo(1);
    }

    @Test
    void does_not_publish_again_when_the_post_is_redelivered_after_publishing() {
        EventEnvelope<MediaHosted> event = image();
        tap.publish(event);
        tap.awaitAnyFor(event.postId(), WAIT);

        tap.publish(event);
        tap.publish(HostedEvents.again(event));
        assertNothingMoreFor(event);

        assertThat(GRAPH.count(ig, "create")).isEqualTo(1);
        assertThat(GRAPH.count(ig, "publish")).isEqualTo(1);
    }

    @Test
    void never_repeats_a_publish_whose_answer_was_lost_and_lets_the_container_status_decide() {
        // media_publish takes effect at Meta but answers after the client's 1s timeout: the worker
        // fails at the worst moment, and the retry must find the Story live instead of posting it again.
        GRAPH.account(ig).publishAnswersAfter(Duration.ofSeconds(2));
        EventEnvelope<MediaHosted> event = image();
        tap.publish(event);

        PostPublished published = published(tap.awaitAnyFor(event.postId(), WAIT));
        assertThat(published.containerId()).isNotNull();
        assertThat(published.storyId())
                .as("the Story's media id, never the container id")
                .isEqualTo("story-" + published.containerId());
        assertThat(GRAPH.count(ig, "publish")).isEqualTo(1);
        assertThat(row(event)).containsEntry("status", "PUBLISHED").containsEntry("story_id", published.storyId());
        assertNothingMoreFor(event);
    }

    @Test
    void publishes_once_when_meta_applies_a_timed_out_publish_seconds_later() {
        // the answer is lost (2 s > the 1 s read timeout) and the Story goes live only 4 s after the call
        GRAPH.account(ig).publishAnswersAfter(Duration.ofSeconds(2)).publishTakesEffectAfter(Duration.ofSeconds(4));
        EventEnvelope<MediaHosted> event = image();
        tap.publish(event);

        PostPublished published = published(tap.awaitAnyFor(event.postId(), WAIT));
        assertThat(published.storyId()).isEqualTo("story-" + published.containerId());
        assertThat(GRAPH.count(ig, "publish")).isEqualTo(1);
        assertThat(GRAPH.publishedStories()).isPositive();
        assertThat(row(event)).containsEntry("status", "PUBLISHED").containsEntry("story_id", published.storyId());
        assertNothingMoreFor(event);
    }

    @Test
    void hands_a_timed_out_publish_to_a_person_only_after_the_confirm_bound_and_says_it_may_be_live() {
        GRAPH.account(ig).publishAnswersAfter(Duration.ofSeconds(2)).publishTakesEffectAfter(Duration.ofHours(1));
        EventEnvelope<MediaHosted> event = image();
        long started = System.nanoTime();
        tap.publish(event);

        FallbackRequested fallback = fallback(tap.awaitAnyFor(event.postId(), WAIT), FallbackReason.API_UNAVAILABLE);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofSeconds(8));
        assertThat(fallback.message())
                .contains("did not confirm it within PT8S")
                .contains("check the account");
        assertThat(GRAPH.count(ig, "publish")).isEqualTo(1);
        assertThat(GRAPH.count(ig, "stories"))
                .as("the account's Stories were checked first")
                .isPositive();
        assertNothingMoreFor(event);
    }

    static final String NOT_FETCHED = "Error: 2207052 The media could not be fetched from this uri";

    @Test
    void creates_a_new_container_once_the_hosting_answers_again_after_meta_could_not_fetch_the_media() {
        GRAPH.account(ig).firstContainersEndIn(1, "ERROR", NOT_FETCHED);
        EventEnvelope<MediaHosted> event = image();
        tap.publish(event);

        PostPublished published = published(tap.awaitAnyFor(event.postId(), WAIT));
        assertThat(GRAPH.count(ig, "create")).isEqualTo(2);
        assertThat(GRAPH.count(ig, "publish")).isEqualTo(1);
        assertThat(row(event)).containsEntry("container_id", published.containerId());
        assertNothingMoreFor(event);
    }

    @Test
    void falls_back_as_upload_failed_not_media_rejected_when_meta_never_fetches_the_media() {
        GRAPH.account(ig).containerEndsIn("ERROR", NOT_FETCHED);
        EventEnvelope<MediaHosted> event = image();
        tap.publish(event);

        FallbackRequested fallback = fallback(tap.awaitAnyFor(event.postId(), WAIT), FallbackReason.UPLOAD_FAILED);
        assertThat(fallback.message())
                .contains("Meta could not fetch the hosted media")
                .doesNotContain("retried later");
        assertThat(GRAPH.count(ig, "create")).as("one container per attempt").isEqualTo(3);
        assertThat(GRAPH.count(ig, "publish")).isZero();
    }

    @Test
    void retries_a_transient_server_error_and_publishes_once() {
        GRAPH.account(ig)
                .failCreate(
                        1,
                        Reply.error(
                                500,
                                "OAuthException",
                                2,
                                null,
                                "An unexpected error has occurred. Please retry your request later.",
                                true));
        EventEnvelope<MediaHosted> event = image();
        tap.publish(event);

        published(tap.awaitAnyFor(event.postId(), WAIT));
        assertThat(GRAPH.count(ig, "create")).isEqualTo(2);
        assertThat(GRAPH.count(ig, "publish")).isEqualTo(1);
    }

    @Test
    void falls_back_with_metas_message_when_the_token_has_expired() {
        GRAPH.account(ig).failCreate(1, Reply.expiredToken());
        EventEnvelope<MediaHosted> event = image();
        tap.publish(event);

        EventEnvelope<EventPayload> outcome = tap.awaitAnyFor(event.postId(), WAIT);
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
        GRAPH.account(ig)
                .failCreate(1, Reply.error(400, "OAuthException", 4, null, "Application request limit reached", false));
        EventEnvelope<MediaHosted> event = image();
        tap.publish(event);

        fallback(tap.awaitAnyFor(event.postId(), WAIT), FallbackReason.RATE_LIMITED);
        assertThat(GRAPH.count(ig, "create")).as("not retried").isEqualTo(1);
        assertThat(GRAPH.count(ig, "publish")).isZero();
    }

    @Test
    void falls_back_as_media_rejected_when_the_container_ends_in_error() {
        GRAPH.account(ig).containerEndsIn("ERROR", "Error: 2207026 unsupported video format");
        EventEnvelope<MediaHosted> event = video();
        tap.publish(event);

        FallbackRequested fallback = fallback(tap.awaitAnyFor(event.postId(), WAIT), FallbackReason.MEDIA_REJECTED);
        assertThat(fallback.message())
                .isEqualTo("Instagram could not process the media: Error: 2207026 unsupported video format");
        assertThat(GRAPH.count(ig, "create")).isEqualTo(1);
        assertThat(GRAPH.count(ig, "publish")).isZero();
    }

    @Test
    void creates_a_fresh_container_when_the_first_one_expires_and_publishes_once() {
        GRAPH.account(ig).expireFirstContainers(1);
        EventEnvelope<MediaHosted> event = image();
        tap.publish(event);

        PostPublished published = published(tap.awaitAnyFor(event.postId(), WAIT));
        assertThat(GRAPH.count(ig, "create")).isEqualTo(2);
        assertThat(GRAPH.count(ig, "publish")).isEqualTo(1);
        assertThat(GRAPH.count(ig, "quota"))
                .as("the quota unit reserved by the first attempt is kept")
                .isEqualTo(1);
        assertThat(row(event))
                .containsEntry("status", "PUBLISHED")
                .containsEntry("container_id", published.containerId())
                .containsEntry("attempts", 2);
        assertNothingMoreFor(event);
    }

    @Test
    void falls_back_as_rate_limited_when_the_quota_is_used_up() throws Exception {
        GRAPH.account(ig).quota(25, 25);
        EventEnvelope<MediaHosted> event = image();
        tap.publish(event);

        FallbackRequested fallback = fallback(tap.awaitAnyFor(event.postId(), WAIT), FallbackReason.RATE_LIMITED);
        assertThat(fallback.message()).startsWith("publishing quota of 25 per 24 h used up");
        assertThat(GRAPH.count(ig, "quota")).isEqualTo(1);
        assertThat(GRAPH.count(ig, "create")).isZero();
        assertThat(GRAPH.count(ig, "publish")).isZero();
        assertThat(row(event)).containsEntry("status", "FAILED");
        assertThat(health())
                .containsEntry("last_error_category", "RATE_LIMITED")
                .containsEntry("quota_left", 0);
        assertThat(meters.get("storyline_publishing_quota_left")
                        .tag("account", account)
                        .gauge()
                        .value())
                .isZero();
        assertThat(meters.get("storyline_instagram_outcomes_total")
                        .tag("account", account)
                        .tag("outcome", "fallback")
                        .tag("reason", "rate_limited")
                        .counter()
                        .count())
                .isEqualTo(1.0);
        assertThat(meters.find("storyline_posts_fallback_total").meters())
                .as("the scheduler counts fallbacks under that name; counting here too would double them")
                .isEmpty();
        assertNothingMoreFor(event);
    }

    @Test
    void publishes_exactly_one_of_two_concurrent_posts_when_one_quota_unit_is_left() throws Exception {
        GRAPH.account(ig).quota(24, 25);
        List<EventEnvelope<MediaHosted>> events = List.of(image(), image());
        CyclicBarrier together = new CyclicBarrier(2);
        ExecutorService workers = Executors.newFixedThreadPool(2);
        try {
            List<Future<Object>> racing = events.stream()
                    .map(event -> workers.submit(() -> {
                        together.await();
                        publisher.onHosted(
                                event, new dev.storyline.platform.consuming.InboxMark(inbox, "racing", event));
                        return null;
                    }))
                    .toList();
            for (Future<Object> worker : racing) {
                worker.get();
            }
        } finally {
            workers.shutdownNow();
        }

        List<EventEnvelope<EventPayload>> outcomes =
                events.stream().map(e -> tap.awaitAnyFor(e.postId(), WAIT)).toList();
        assertThat(outcomes)
                .filteredOn(o -> o.payload() instanceof PostPublished)
                .hasSize(1);
        assertThat(outcomes)
                .filteredOn(o ->
                        o.payload() instanceof FallbackRequested f && f.reasonCode() == FallbackReason.RATE_LIMITED)
                .hasSize(1);
        assertThat(GRAPH.count(ig, "create")).isEqualTo(1);
        assertThat(GRAPH.count(ig, "publish")).isEqualTo(1);
        assertThat(health()).containsEntry("quota_left", 0);
    }

    @Test
    void counts_its_own_publishes_while_metas_cached_usage_lags_behind() {
        GRAPH.account(ig).quota(23, 25);
        EventEnvelope<MediaHosted> first = image();
        tap.publish(first);
        assertThat(tap.awaitAnyFor(first.postId(), WAIT).payload()).isInstanceOf(PostPublished.class);

        // two more side by side (INSTAGRAM_CONCURRENCY): Meta's cached answer still says 23 used, so only this
        // service's own count can tell that one of them is the 25th and the other would be the 26th
        List<EventEnvelope<MediaHosted>> more = List.of(image(), image());
        more.forEach(tap::publish);
        List<EventEnvelope<EventPayload>> outcomes =
                more.stream().map(e -> tap.awaitAnyFor(e.postId(), WAIT)).toList();
        assertThat(outcomes)
                .filteredOn(outcome -> outcome.payload() instanceof PostPublished)
                .hasSize(1);
        fallback(
                outcomes.stream()
                        .filter(outcome -> outcome.payload() instanceof FallbackRequested)
                        .findFirst()
                        .orElseThrow(),
                FallbackReason.RATE_LIMITED);
        assertThat(GRAPH.count(ig, "quota"))
                .as("Meta was asked once, then the cache and our own count decided")
                .isEqualTo(1);
        assertThat(GRAPH.count(ig, "publish")).isEqualTo(2);
        assertThat(GRAPH.count(ig, "create")).isEqualTo(2);
    }

    @Test
    void falls_back_as_media_rejected_when_the_hosted_image_is_not_a_jpeg() {
        GRAPH.account(ig).media(200, "image/png", 400_000);
        EventEnvelope<MediaHosted> event = image();
        tap.publish(event);

        FallbackRequested fallback = fallback(tap.awaitAnyFor(event.postId(), WAIT), FallbackReason.MEDIA_REJECTED);
        assertThat(fallback.message())
                .isEqualTo("the hosted image is served as image/png; Instagram Stories take image/jpeg only");
        assertThat(GRAPH.count(ig, "media")).isEqualTo(1);
        assertThat(GRAPH.count(ig, "create")).isZero();
        assertThat(GRAPH.count(ig, "publish")).isZero();
    }

    @Test
    void falls_back_as_media_rejected_when_the_video_is_over_the_story_limit() {
        GRAPH.account(ig).media(200, "video/quicktime", 150_000_000);
        EventEnvelope<MediaHosted> event = video();
        tap.publish(event);

        FallbackRequested fallback = fallback(tap.awaitAnyFor(event.postId(), WAIT), FallbackReason.MEDIA_REJECTED);
        assertThat(fallback.message()).contains("150000000 bytes").contains("at most 100 MB");
        assertThat(GRAPH.count(ig, "create")).isZero();
        assertThat(GRAPH.count(ig, "publish")).isZero();
    }

    @Test
    void falls_back_as_upload_failed_at_once_when_the_hosted_copy_is_gone() {
        GRAPH.account(ig).media(404, null, 0);
        EventEnvelope<MediaHosted> event = image();
        tap.publish(event);

        FallbackRequested fallback = fallback(tap.awaitAnyFor(event.postId(), WAIT), FallbackReason.UPLOAD_FAILED);
        assertThat(fallback.message()).contains("answers HTTP 404");
        assertThat(GRAPH.count(ig, "media"))
                .as("a 404 does not heal; not retried")
                .isEqualTo(1);
        assertThat(GRAPH.count(ig, "create")).isZero();
        assertThat(GRAPH.count(ig, "publish")).isZero();
    }

    @Test
    void retries_a_hosting_that_fails_with_5xx_and_then_falls_back_as_upload_failed() {
        GRAPH.account(ig).media(503, null, 0);
        EventEnvelope<MediaHosted> event = image();
        tap.publish(event);

        fallback(tap.awaitAnyFor(event.postId(), WAIT), FallbackReason.UPLOAD_FAILED);
        assertThat(GRAPH.count(ig, "media")).isEqualTo(3);
        assertThat(GRAPH.count(ig, "create")).isZero();
        assertThat(GRAPH.count(ig, "publish")).isZero();
    }

    @Test
    void shows_each_accounts_api_health_to_the_admin_only() throws Exception {
        EventEnvelope<MediaHosted> event = image();
        tap.publish(event);
        published(tap.awaitAnyFor(event.postId(), WAIT));
        assertThat(GRAPH.count(ig, "publish")).isEqualTo(1);

        http.perform(get("/api/health/accounts")).andExpect(status().isUnauthorized());
        http.perform(get("/api/health/accounts").header("Authorization", "Bearer wrong"))
                .andExpect(status().isUnauthorized());
        String path = "$[?(@.accountId == '" + account + "')]";
        http.perform(get("/api/health/accounts").header("Authorization", "Bearer " + ADMIN_TOKEN))
                .andExpect(status().isOk())
                .andExpect(jsonPath(path + ".lastSuccessAt").isNotEmpty())
                .andExpect(jsonPath(path + ".quotaLeft").value(99))
                .andExpect(jsonPath(path + ".quota.total").value(100))
                .andExpect(jsonPath(path + ".quota.usage").value(0))
                .andExpect(jsonPath(path + ".rateLimit.postsPerHour").value(10));
        assertThat(meters.get("storyline_publishing_quota_left")
                        .tag("account", account)
                        .gauge()
                        .value())
                .isEqualTo(99.0);
        assertThat(health().get("last_success_at")).isNotNull();
        assertThat(health().get("last_error_at")).isNull();
    }

    @Test
    void falls_back_as_api_unavailable_when_transient_failures_outlast_the_attempts() {
        GRAPH.account(ig).failCreate(10, new Reply(503, "<html><body>Service Unavailable</body></html>"));
        EventEnvelope<MediaHosted> event = image();
        tap.publish(event);

        fallback(tap.awaitAnyFor(event.postId(), WAIT), FallbackReason.API_UNAVAILABLE);
        assertThat(GRAPH.count(ig, "create")).isEqualTo(3);
        assertThat(row(event)).containsEntry("attempts", 3).containsEntry("status", "FAILED");
    }

    @Test
    void an_event_marked_dry_run_never_reaches_the_graph_api() {
        EventEnvelope<MediaHosted> event = HostedEvents.image(ig, true);
        tap.publish(event);

        PostPublished published = published(tap.awaitAnyFor(event.postId(), WAIT));
        assertThat(published.dryRun()).isTrue();
        assertThat(published.storyId()).isEqualTo("dry-run-" + event.postId());
        assertThat(GRAPH.calls(ig)).isEmpty();
    }

    @Test
    void takes_one_post_at_a_time_off_the_queue_since_one_can_take_minutes(
            @Autowired dev.storyline.platform.consuming.EventSubscription instagramHosted) {
        assertThat(instagramHosted.prefetch()).isEqualTo(1);
    }

    @Test
    void two_workers_racing_on_one_post_get_one_claim() throws Exception {
        UUID post = UUID.randomUUID();
        CyclicBarrier together = new CyclicBarrier(2);
        Callable<ClaimAttempt<Publication>> claim = () -> {
            together.await();
            return publications.claim(post, "default", false, Duration.ofMinutes(1));
        };
        ExecutorService workers = Executors.newFixedThreadPool(2);
        try {
            List<Future<ClaimAttempt<Publication>>> racing = List.of(workers.submit(claim), workers.submit(claim));
            List<ClaimAttempt<Publication>> claims =
                    List.of(racing.get(0).get(), racing.get(1).get());
            assertThat(claims)
                    .filteredOn(ClaimAttempt.Granted.class::isInstance)
                    .hasSize(1);
            assertThat(claims).filteredOn(ClaimAttempt.Busy.class::isInstance).hasSize(1);
        } finally {
            workers.shutdownNow();
        }
    }

    @Test
    void a_lapsed_claim_is_taken_over_and_its_old_holder_can_no_longer_move_the_post() throws Exception {
        UUID post = UUID.randomUUID();
        Publication crashed = ((ClaimAttempt.Granted<Publication>)
                        publications.claim(post, "default", false, Duration.ofMillis(200)))
                .row();
        Thread.sleep(400);
        Publication successor = ((ClaimAttempt.Granted<Publication>)
                        publications.claim(post, "default", false, Duration.ofMinutes(1)))
                .row();
        assertThat(successor.attempts()).isEqualTo(2);

        assertThat(publications.recordContainer(crashed, "111")).isFalse();
        assertThat(publications.recordContainer(successor, "222")).isTrue();
        assertThat(publications.markPublishRequested(crashed)).isFalse();
        assertThat(publications.markPublishRequested(successor))
                .as("the once-only gate opens once")
                .isTrue();
        assertThat(publications.markPublishRequested(successor)).isFalse();
    }

    @Test
    void a_worker_whose_lease_lapsed_cannot_report_an_outcome_for_a_post_another_worker_took_over() throws Exception {
        UUID post = UUID.randomUUID();
        Publication lapsed = ((ClaimAttempt.Granted<Publication>)
                        publications.claim(post, "default", false, Duration.ofMillis(200)))
                .row();
        Thread.sleep(400);
        Publication successor = ((ClaimAttempt.Granted<Publication>)
                        publications.claim(post, "default", false, Duration.ofMinutes(1)))
                .row();

        assertThat(publications.markFailed(lapsed, "API_UNAVAILABLE: timed out"))
                .as("a fallback from the lapsed holder")
                .isFalse();
        assertThat(publications.markPublished(lapsed, "story-of-the-lapsed")).isFalse();
        assertThat(publications.markPublished(successor, "story-1")).isTrue();
        assertThat(publications.markFailed(lapsed, "API_UNAVAILABLE: timed out"))
                .isFalse();
        assertThat(jdbc.sql("select status, story_id from publications where post_id = :p")
                        .param("p", post)
                        .query()
                        .singleRow())
                .containsEntry("status", "PUBLISHED")
                .containsEntry("story_id", "story-1");
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

    private EventEnvelope<MediaHosted> video() {
        return HostedEvents.video(account, ig, GRAPH);
    }

    private Map<String, Object> health() {
        return jdbc.sql("select * from account_api_health where account_id = :a")
                .param("a", account)
                .query()
                .singleRow();
    }

    private Map<String, Object> row(EventEnvelope<MediaHosted> event) {
        return jdbc.sql("select * from publications where post_id = :p")
                .param("p", event.postId())
                .query()
                .singleRow();
    }

    /** FIFO queue, one consumer, outbox in order: after a later post's outcome, no second one can be on its way. */
    private void assertNothingMoreFor(EventEnvelope<MediaHosted> event) {
        EventEnvelope<MediaHosted> marker = HostedEvents.image(ig, true);
        tap.publish(marker);
        tap.awaitAnyFor(marker.postId(), WAIT);
        assertThat(tap.eventsFor(event.postId())).hasSize(1);
    }
}
