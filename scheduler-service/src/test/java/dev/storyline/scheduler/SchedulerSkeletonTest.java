package dev.storyline.scheduler;

import dev.storyline.contracts.events.EventEnvelope;
import dev.storyline.contracts.events.EventPayload;
import dev.storyline.contracts.events.ManualAction;
import dev.storyline.contracts.events.ManualPostResolved;
import dev.storyline.scheduler.schedule.StuckPosts;
import dev.storyline.contracts.events.FallbackRequested;
import dev.storyline.contracts.events.AutoPostRequested;
import dev.storyline.contracts.events.PostMethod;
import dev.storyline.contracts.events.PostPublished;
import dev.storyline.contracts.events.PostRequested;
import dev.storyline.contracts.events.Route;
import dev.storyline.contracts.json.EventCodec;
import dev.storyline.contracts.messaging.Topology;
import dev.storyline.scheduler.accounts.Accounts;
import dev.storyline.scheduler.media.IndexReport;
import dev.storyline.scheduler.media.MediaIndexer;
import dev.storyline.scheduler.schedule.Dispatcher;
import dev.storyline.scheduler.schedule.UpcomingPosts;
import dev.storyline.testkit.Eventually;
import dev.storyline.testkit.IsolatedInfrastructure;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(properties = {
        "storyline.scheduler.loops-enabled=false",
        "storyline.account.api-enabled=true",
        "storyline.account.instagram-user-id=17841400000",
        "storyline.account.dry-run=true"})
class SchedulerSkeletonTest {

    private static final Path MEDIA_ROOT;

    static {
        try {
            MEDIA_ROOT = Files.createTempDirectory("storyline-media");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        IsolatedInfrastructure.forClass(SchedulerSkeletonTest.class).register(registry);
        registry.add("storyline.scheduler.media-root", MEDIA_ROOT::toString);
    }

    @Autowired
    JdbcClient jdbc;
    @Autowired
    MediaIndexer indexer;
    @Autowired
    Accounts accounts;
    @Autowired
    Dispatcher dispatcher;
    @Autowired
    UpcomingPosts queue;
    @Autowired
    RabbitTemplate rabbit;
    @Autowired
    RabbitAdmin admin;
    @Autowired
    EventCodec codec;

    @BeforeEach
    void cleanSlate() throws IOException {
        jdbc.sql("delete from media_locks").update();
        jdbc.sql("delete from posting_history").update();
        jdbc.sql("delete from slots").update();
        jdbc.sql("delete from media_items").update();
        jdbc.sql("update accounts set token_healthy = true, api_paused_until = null").update();
        try (var files = Files.walk(MEDIA_ROOT)) {
            // Files.delete keeps the raw bytes of names that are not UTF-8; File.delete would not find them
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).filter(p -> !p.equals(MEDIA_ROOT)).toList()) {
                Files.delete(p);
            }
        }
    }

    private IndexReport index() {
        return indexer.index(accounts.find("default").orElseThrow());
    }

    @Test
    void indexes_by_content_so_a_renamed_file_stays_one_item() throws IOException {
        Path original = MediaFiles.storyJpeg(MEDIA_ROOT.resolve("memes/cat.jpg"), Color.RED);
        index();
        Files.createDirectories(MEDIA_ROOT.resolve("merch"));
        Files.move(original, MEDIA_ROOT.resolve("merch/renamed.jpg"));
        IndexReport report = index();

        assertThat(report.deactivated()).isZero();
        assertThat(jdbc.sql("select path || '|' || category || '|' || active from media_items").query(String.class).list())
                .containsExactly("merch/renamed.jpg|merch|true");
    }

    @Test
    void bad_files_get_a_clear_error_and_the_scan_goes_on() throws IOException {
        MediaFiles.storyJpeg(MEDIA_ROOT.resolve("memes/good.jpg"), Color.BLUE);
        Files.createDirectories(MEDIA_ROOT.resolve("memes"));
        Files.write(MEDIA_ROOT.resolve("memes/empty.jpg"), new byte[0]);
        Files.writeString(MEDIA_ROOT.resolve("memes/notes.jpg"), "this is text, not a JPEG");
        Files.write(MEDIA_ROOT.resolve("memes/truncated.jpg"), java.util.Arrays.copyOf(
                Files.readAllBytes(MEDIA_ROOT.resolve("memes/good.jpg")), 40));
        MediaFiles.storyJpeg(MEDIA_ROOT.resolve("loose.jpg"), Color.GREEN);
        Path outside = Files.createTempFile("outside", ".jpg");
        Files.createSymbolicLink(MEDIA_ROOT.resolve("memes/escape.jpg"), outside);

        IndexReport report = index();

        assertThat(report.errors()).extracting(IndexReport.FileError::path)
                .containsExactlyInAnyOrder("loose.jpg", "memes/escape.jpg");
        assertThat(report.errors()).extracting(IndexReport.FileError::error)
                .anySatisfy(e -> assertThat(e).contains("not in a category folder"))
                .anySatisfy(e -> assertThat(e).contains("outside the media folder"));
        assertThat(jdbc.sql("select path from media_items where valid").query(String.class).list())
                .containsExactly("memes/good.jpg");
        assertThat(jdbc.sql("select path || ': ' || array_to_string(validation_errors, '; ') from media_items where not valid order by path")
                .query(String.class).list())
                .containsExactly(
                        "memes/empty.jpg: file is empty",
                        "memes/notes.jpg: unsupported type text/plain (Stories take JPEG/PNG images and MP4/MOV videos)",
                        "memes/truncated.jpg: image cannot be read (truncated or corrupt image/jpeg)");
    }

    @Test
    void a_changed_file_is_revalidated_as_new_content_and_the_old_content_retires() throws IOException {
        Path file = MediaFiles.storyJpeg(MEDIA_ROOT.resolve("memes/cat.jpg"), Color.RED);
        index();
        Files.writeString(file, "now it is text");
        index();
        assertThat(jdbc.sql("select active || '|' || valid from media_items order by first_seen_at").query(String.class).list())
                .containsExactly("false|true", "true|false");
    }

    @Test
    void a_deleted_file_becomes_inactive_and_keeps_its_history() throws IOException {
        Path file = MediaFiles.storyJpeg(MEDIA_ROOT.resolve("memes/cat.jpg"), Color.RED);
        index();
        UUID slot = insertDueSlot(Instant.now().minusSeconds(1));
        dispatcher.dispatchDue();
        publish(EventEnvelope.forPost("default", slot, new PostPublished("s", "c", PostMethod.INSTAGRAM_API, Instant.now(), false)));
        Eventually.await(Duration.ofSeconds(20), "published", () -> status(slot).equals("PUBLISHED"));
        Files.delete(file);

        assertThat(index().deactivated()).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from posting_history h join media_items m on m.id = h.media_id where not m.active")
                .query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void a_file_name_that_is_not_utf8_is_reported_and_the_scan_goes_on() throws Exception {
        MediaFiles.storyJpeg(MEDIA_ROOT.resolve("memes/good.jpg"), Color.BLUE);
        Process p = new ProcessBuilder("sh", "-c", "cp good.jpg \"$(printf 'caf\\351.jpg')\"")
                .directory(MEDIA_ROOT.resolve("memes").toFile()).start();
        assertThat(p.waitFor()).isZero();
        Files.createSymbolicLink(MEDIA_ROOT.resolve("memes/dangling.jpg"), MEDIA_ROOT.resolve("memes/nowhere.jpg"));

        IndexReport report = index();

        assertThat(report.errors()).extracting(IndexReport.FileError::error)
                .contains("file name is not valid UTF-8; rename the file", "broken symbolic link");
        assertThat(jdbc.sql("select count(*) from media_items where valid").query(Integer.class).single()).isEqualTo(1);
    }

    @Autowired
    StuckPosts stuck;

    @Test
    void an_exhausted_category_falls_back_to_another_and_says_so() {
        MediaFiles.storyJpeg(MEDIA_ROOT.resolve("merch/shirt.jpg"), Color.GRAY);
        index();
        UUID slot = UUID.randomUUID();
        jdbc.sql("insert into slots (id, account_id, slot_at, status, category) values (:id, 'default', now(), 'PLANNED', 'memes')")
                .param("id", slot).update();
        dispatcher.dispatchDue();
        assertThat(jdbc.sql("select status || '|' || note from slots where id = :id").param("id", slot).query(String.class).single())
                .isEqualTo("DISPATCHED|category memes exhausted; used merch");
    }

    @Test
    void a_skipped_item_rests_for_the_skip_lock_and_its_copy_under_another_name_is_not_posted() throws IOException {
        Path original = MediaFiles.storyJpeg(MEDIA_ROOT.resolve("memes/one.jpg"), Color.ORANGE);
        index();
        UUID first = insertDueSlot(Instant.now().minusSeconds(3));
        dispatcher.dispatchDue();
        publish(EventEnvelope.forPost("default", first, new ManualPostResolved(ManualAction.SKIPPED, 7, "cy", Instant.now())));
        Eventually.await(Duration.ofSeconds(20), "skip applied", () -> status(first).equals("RESOLVED"));
        assertThat(jdbc.sql("select reason || '|' || (locked_until between now() + interval '44 days' and now() + interval '46 days') from media_locks")
                .query(String.class).single()).isEqualTo("SKIPPED|true");

        Files.copy(original, MEDIA_ROOT.resolve("memes/same-picture-new-name.jpg"));
        index();
        UUID next = insertDueSlot(Instant.now().minusSeconds(1));
        dispatcher.dispatchDue();
        assertThat(status(next)).as("the same content under another name is the same locked item").isEqualTo("EMPTY");
    }

    @Test
    void a_failed_token_refresh_routes_posts_to_telegram_until_a_token_is_refreshed() {
        MediaFiles.storyJpeg(MEDIA_ROOT.resolve("memes/one.jpg"), Color.ORANGE);
        MediaFiles.storyJpeg(MEDIA_ROOT.resolve("memes/two.jpg"), Color.PINK);
        index();
        publish(EventEnvelope.forAccount("default", new dev.storyline.contracts.events.TokenRefreshFailed("400 from Meta", Instant.now(), 3)));
        Eventually.await(Duration.ofSeconds(20), "token marked unhealthy", () -> !accounts.find("default").orElseThrow().tokenHealthy());
        UUID manual = insertDueSlot(Instant.now().minusSeconds(2));
        dispatcher.dispatchDue();
        assertThat(route(manual)).isEqualTo("MANUAL|token_unhealthy");

        publish(EventEnvelope.forAccount("default", new dev.storyline.contracts.events.TokenRefreshed(Instant.now().plus(Duration.ofDays(60)))));
        Eventually.await(Duration.ofSeconds(20), "token healthy again", () -> accounts.find("default").orElseThrow().tokenHealthy());
        UUID automatic = insertDueSlot(Instant.now().minusSeconds(1));
        dispatcher.dispatchDue();
        assertThat(route(automatic)).isEqualTo("AUTO|api_enabled");
    }

    @Test
    void a_rate_limited_fallback_sends_the_next_posts_to_telegram_for_a_while() {
        MediaFiles.storyJpeg(MEDIA_ROOT.resolve("memes/one.jpg"), Color.ORANGE);
        MediaFiles.storyJpeg(MEDIA_ROOT.resolve("memes/two.jpg"), Color.PINK);
        index();
        UUID throttled = insertDueSlot(Instant.now().minusSeconds(2));
        dispatcher.dispatchDue();
        var content = jdbc.sql("select m.id, m.path from media_items m join slots s on s.media_id = m.id where s.id = :id")
                .param("id", throttled).query((rs, n) -> new dev.storyline.contracts.events.PostContent(
                        rs.getObject("id", UUID.class), rs.getString("path"), "image/jpeg", "memes", "ab".repeat(32), 1,
                        null, null, null, List.of(), false)).single();
        publish(EventEnvelope.forPost("default", throttled, new dev.storyline.contracts.events.FallbackRequested(content,
                dev.storyline.contracts.events.FallbackReason.RATE_LIMITED, "publishing quota of 50 per 24 h used up", null)));
        Eventually.await(Duration.ofSeconds(20), "fallback applied", () -> status(throttled).equals("MANUAL_PENDING"));

        UUID next = insertDueSlot(Instant.now().minusSeconds(1));
        dispatcher.dispatchDue();
        assertThat(route(next)).isEqualTo("MANUAL|api_rate_limited");
    }

    @Test
    void auto_post_hands_a_post_waiting_on_telegram_back_to_the_api_once_with_the_same_medium() {
        MediaFiles.storyJpeg(MEDIA_ROOT.resolve("memes/one.jpg"), Color.ORANGE);
        index();
        accounts.setApiEnabled("default", false);
        UUID post = insertDueSlot(Instant.now().minusSeconds(2));
        dispatcher.dispatchDue();
        assertThat(route(post)).isEqualTo("MANUAL|api_disabled");
        assertThat(status(post)).as("waiting on a person, as a post that fell back is").isEqualTo("MANUAL_PENDING");
        accounts.setApiEnabled("default", true);
        var requests = listenTo("post.requested.auto");

        EventEnvelope<AutoPostRequested> tap = EventEnvelope.forPost("default", post, new AutoPostRequested(7, "cy", Instant.now()));
        publish(tap);
        publish(tap); // redelivered
        publish(EventEnvelope.forPost("default", post, new AutoPostRequested(8, "dan", Instant.now()))); // a second tap elsewhere

        PostRequested request = (PostRequested) receive(requests.getName()).payload();
        assertThat(request.route()).isEqualTo(Route.AUTO);
        assertThat(request.content().mediaPath()).isEqualTo("memes/one.jpg");
        assertThat(route(post)).isEqualTo("AUTO|handed_back");
        assertThat(status(post)).isEqualTo("DISPATCHED");
        assertThat(rabbit.receive(requests.getName(), 2_000)).as("one request only").isNull();
    }

    @Test
    void auto_post_is_refused_back_to_telegram_when_the_api_cannot_post() {
        MediaFiles.storyJpeg(MEDIA_ROOT.resolve("memes/one.jpg"), Color.ORANGE);
        index();
        accounts.setApiEnabled("default", false);
        UUID post = insertDueSlot(Instant.now().minusSeconds(2));
        dispatcher.dispatchDue();
        var fallbacks = listenTo("post.fallback.*");
        try {
            publish(EventEnvelope.forPost("default", post, new AutoPostRequested(7, "cy", Instant.now())));

            EventEnvelope<EventPayload> refusal = receive(fallbacks.getName());
            assertThat(((FallbackRequested) refusal.payload()).message()).contains("Auto post refused").contains("api disabled");
            // the scheduler consumes its own refusal too: it is not an API fallback, the post still waits on a person
            Eventually.await(Duration.ofSeconds(20), "the refusal consumed by the scheduler", () -> jdbc.sql(
                    "select count(*) from inbox where event_id = :e").param("e", refusal.eventId()).query(Integer.class).single() == 1);
            assertThat(route(post)).isEqualTo("MANUAL|api_disabled");
            assertThat(jdbc.sql("select status || '|' || coalesce(fallback_reason, '-') from slots where id = :id")
                    .param("id", post).query(String.class).single()).isEqualTo("MANUAL_PENDING|-");
        } finally {
            accounts.setApiEnabled("default", true);
        }
    }

    @Test
    void a_post_waiting_on_a_person_counts_as_stuck_only_after_the_manual_bound() {
        UUID apiThreeHours = slotInFlight("DISPATCHED", "AUTO", Duration.ofHours(3));
        UUID personThreeHours = slotInFlight("MANUAL_PENDING", "MANUAL", Duration.ofHours(3));
        UUID fallbackThreeHours = slotInFlight("MANUAL_PENDING", "MANUAL", Duration.ofHours(3));
        UUID personTwoDays = slotInFlight("MANUAL_PENDING", "MANUAL", Duration.ofHours(49));

        List<UUID> stuckPosts = stuck.find("default").stream().map(StuckPosts.Stuck::postId).toList();

        assertThat(stuckPosts).contains(apiThreeHours, personTwoDays).doesNotContain(personThreeHours, fallbackThreeHours);
    }

    private UUID slotInFlight(String status, String route, Duration since) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        insert into slots (id, account_id, slot_at, status, route, dispatched_at)
                        values (:id, 'default', :at, :status, :route, :at)
                        """)
                .param("id", id).param("at", java.sql.Timestamp.from(Instant.now().minus(since)))
                .param("status", status).param("route", route).update();
        return id;
    }

    private String route(UUID slot) {
        return jdbc.sql("select route || '|' || route_reason from slots where id = :id").param("id", slot).query(String.class).single();
    }

    @Test
    void a_due_slot_becomes_exactly_one_post_request_with_two_dispatchers_racing() throws Exception {
        MediaFiles.storyJpeg(MEDIA_ROOT.resolve("memes/one.jpg"), Color.ORANGE);
        MediaFiles.storyJpeg(MEDIA_ROOT.resolve("memes/two.jpg"), Color.PINK);
        index();
        var requests = listenTo("post.requested.*");
        UUID slot = insertDueSlot(Instant.now().minusSeconds(1));

        CyclicBarrier start = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<Integer>> results = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            results.add(pool.submit((Callable<Integer>) () -> {
                start.await();
                return dispatcher.dispatchDue();
            }));
        }
        int dispatched = 0;
        for (Future<Integer> result : results) {
            dispatched += result.get();
        }
        pool.shutdown();

        assertThat(dispatched).isEqualTo(1);
        EventEnvelope<EventPayload> event = receive(requests.getName());
        assertThat(event.postId()).isEqualTo(slot);
        PostRequested request = (PostRequested) event.payload();
        assertThat(request.route()).isEqualTo(Route.AUTO);
        assertThat(request.content().mediaPath()).startsWith("memes/");
        assertThat(request.dryRun()).isTrue();
        assertThat(rabbit.receive(requests.getName(), 1000)).as("a second PostRequested").isNull();
        assertThat(jdbc.sql("select status from slots where id = :id").param("id", slot).query(String.class).single())
                .isEqualTo("DISPATCHED");
    }

    @Test
    void a_slot_missed_during_downtime_is_not_posted_late() {
        MediaFiles.storyJpeg(MEDIA_ROOT.resolve("memes/one.jpg"), Color.ORANGE);
        index();
        UUID missed = insertDueSlot(Instant.now().minus(Duration.ofHours(10)));
        UUID due = insertDueSlot(Instant.now().minusSeconds(2));

        dispatcher.dispatchDue();

        assertThat(status(missed)).isEqualTo("MISSED");
        assertThat(status(due)).isEqualTo("DISPATCHED");
    }

    @Test
    void every_outcome_applied_twice_has_one_effect() {
        MediaFiles.storyJpeg(MEDIA_ROOT.resolve("memes/one.jpg"), Color.ORANGE);
        MediaFiles.storyJpeg(MEDIA_ROOT.resolve("memes/two.jpg"), Color.CYAN);
        index();
        UUID published = insertDueSlot(Instant.now().minusSeconds(2));
        UUID rejected = insertDueSlot(Instant.now().minusSeconds(1));
        dispatcher.dispatchDue();

        EventEnvelope<PostPublished> publishedEvent = EventEnvelope.forPost("default", published,
                new PostPublished("story-1", "container-1", PostMethod.INSTAGRAM_API, Instant.now(), false));
        EventEnvelope<ManualPostResolved> rejectedEvent = EventEnvelope.forPost("default", rejected,
                new ManualPostResolved(ManualAction.REJECTED, 42, "ann", Instant.now()));
        EventEnvelope<ManualPostResolved> lateTap = EventEnvelope.forPost("default", rejected,
                new ManualPostResolved(ManualAction.POSTED, 43, "bob", Instant.now()));
        for (EventEnvelope<?> event : List.of(publishedEvent, publishedEvent, rejectedEvent, rejectedEvent, lateTap)) {
            publish(event);
        }

        Eventually.await(Duration.ofSeconds(20), "both outcomes applied",
                () -> status(published).equals("PUBLISHED") && status(rejected).equals("RESOLVED"));
        Eventually.await(Duration.ofSeconds(20), "all five deliveries consumed",
                () -> jdbc.sql("select count(*) from inbox where event_id in (:ids)")
                        .param("ids", List.of(publishedEvent.eventId(), rejectedEvent.eventId(), lateTap.eventId()))
                        .query(Integer.class).single() == 3);
        assertThat(jdbc.sql("select status || '|' || coalesce(story_id, '-') || '|' || posted_by from posting_history order by status")
                .query(String.class).list())
                .containsExactly("PUBLISHED|story-1|instagram_api", "REJECTED|-|ann");
        assertThat(jdbc.sql("select reason || '|' || (locked_until > now() + interval '100 years') from media_locks order by reason")
                .query(String.class).list())
                .containsExactly("POSTED|false", "REJECTED|true");
    }

    @Test
    void rejected_media_never_comes_back_and_posted_media_waits_for_its_lock() {
        MediaFiles.storyJpeg(MEDIA_ROOT.resolve("memes/only.jpg"), Color.ORANGE);
        index();
        UUID first = insertDueSlot(Instant.now().minusSeconds(3));
        dispatcher.dispatchDue();
        publish(EventEnvelope.forPost("default", first, new ManualPostResolved(ManualAction.REJECTED, 1, "ann", Instant.now())));
        Eventually.await(Duration.ofSeconds(20), "rejection applied", () -> status(first).equals("RESOLVED"));

        UUID next = insertDueSlot(Instant.now().minusSeconds(1));
        dispatcher.dispatchDue();

        assertThat(status(next)).isEqualTo("EMPTY");
    }

    @Test
    void post_next_now_dispatches_within_the_next_tick() {
        MediaFiles.storyJpeg(MEDIA_ROOT.resolve("memes/one.jpg"), Color.ORANGE);
        index();
        UUID post = queue.postNextNow("default");
        dispatcher.dispatchDue();
        assertThat(status(post)).isEqualTo("DISPATCHED");
    }

    private String status(UUID slot) {
        return jdbc.sql("select status from slots where id = :id").param("id", slot).query(String.class).single();
    }

    private UUID insertDueSlot(Instant at) {
        UUID id = UUID.randomUUID();
        jdbc.sql("insert into slots (id, account_id, slot_at, status) values (:id, 'default', :at, 'PLANNED')")
                .param("id", id).param("at", java.sql.Timestamp.from(at)).update();
        return id;
    }

    private org.springframework.amqp.core.Queue listenTo(String pattern) {
        var queue = new org.springframework.amqp.core.Queue("test." + UUID.randomUUID(), false, false, false);
        admin.declareQueue(queue);
        Binding binding = BindingBuilder.bind(queue).to(new TopicExchange(Topology.EVENTS_EXCHANGE)).with(pattern);
        admin.declareBinding(binding);
        return queue;
    }

    private EventEnvelope<EventPayload> receive(String queue) {
        Message message = rabbit.receive(queue, 10_000);
        assertThat(message).as("message on " + queue).isNotNull();
        return codec.read(message.getBody());
    }

    private void publish(EventEnvelope<?> event) {
        MessageProperties props = new MessageProperties();
        props.setContentType("application/json");
        rabbit.send(Topology.EVENTS_EXCHANGE, event.routingKey(), new Message(codec.write(event), props));
    }
}
