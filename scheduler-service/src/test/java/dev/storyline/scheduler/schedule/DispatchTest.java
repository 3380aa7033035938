package dev.storyline.scheduler.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storyline.contracts.events.EventEnvelope;
import dev.storyline.contracts.events.EventPayload;
import dev.storyline.contracts.events.PostRequested;
import dev.storyline.contracts.events.Route;
import dev.storyline.scheduler.LibraryTest;
import dev.storyline.scheduler.MediaFiles;
import dev.storyline.scheduler.SchedulerTest;
import dev.storyline.testkit.EventTap;
import java.awt.Color;
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
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@SchedulerTest(properties = {SchedulerTest.API_ON, SchedulerTest.INSTAGRAM_USER, SchedulerTest.DRY_RUN})
class DispatchTest extends LibraryTest {

    @Autowired
    UpcomingPosts upcoming;

    @Autowired
    StuckPosts stuck;

    @Test
    void an_exhausted_category_falls_back_to_another_and_says_so() {
        MediaFiles.storyJpeg(MEDIA_ROOT.resolve("merch/shirt.jpg"), Color.GRAY);
        library.index();
        UUID slot = UUID.randomUUID();
        jdbc.sql(
                        "insert into slots (id, account_id, slot_at, status, category) values (:id, 'default', now(), 'PLANNED', 'memes')")
                .param("id", slot)
                .update();
        dispatcher.dispatchDue();
        assertThat(jdbc.sql("select status || '|' || note from slots where id = :id")
                        .param("id", slot)
                        .query(String.class)
                        .single())
                .isEqualTo("DISPATCHED|category memes exhausted; used merch");
    }

    @Test
    void a_due_slot_becomes_exactly_one_post_request_with_two_dispatchers_racing() throws Exception {
        MediaFiles.storyJpeg(MEDIA_ROOT.resolve("memes/one.jpg"), Color.ORANGE);
        MediaFiles.storyJpeg(MEDIA_ROOT.resolve("memes/two.jpg"), Color.PINK);
        library.index();
        try (EventTap requests = EventTap.on(rabbit, "post.requested.*")) {
            UUID slot = library.insertDueSlot(Instant.now().minusSeconds(1));

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
            EventEnvelope<EventPayload> event = requests.next(Duration.ofSeconds(10));
            assertThat(event.postId()).isEqualTo(slot);
            PostRequested request = (PostRequested) event.payload();
            assertThat(request.route()).isEqualTo(Route.AUTO);
            assertThat(request.content().mediaPath()).startsWith("memes/");
            assertThat(request.dryRun()).isTrue();
            assertThat(requests.moreWithin(Duration.ofSeconds(1)))
                    .as("a second PostRequested")
                    .isEmpty();
            assertThat(library.status(slot)).isEqualTo("DISPATCHED");
        }
    }

    @Test
    void a_slot_missed_during_downtime_is_not_posted_late() {
        MediaFiles.storyJpeg(MEDIA_ROOT.resolve("memes/one.jpg"), Color.ORANGE);
        library.index();
        UUID missed = library.insertDueSlot(Instant.now().minus(Duration.ofHours(10)));
        UUID due = library.insertDueSlot(Instant.now().minusSeconds(2));

        dispatcher.dispatchDue();

        assertThat(library.status(missed)).isEqualTo("MISSED");
        assertThat(library.status(due)).isEqualTo("DISPATCHED");
    }

    @Test
    void post_next_now_dispatches_within_the_next_tick() {
        MediaFiles.storyJpeg(MEDIA_ROOT.resolve("memes/one.jpg"), Color.ORANGE);
        library.index();
        UUID post = upcoming.postNextNow("default");
        dispatcher.dispatchDue();
        assertThat(library.status(post)).isEqualTo("DISPATCHED");
    }

    @Test
    void a_post_waiting_on_a_person_counts_as_stuck_only_after_the_manual_bound() {
        UUID apiThreeHours = slotInFlight("DISPATCHED", "AUTO", Duration.ofHours(3));
        UUID personThreeHours = slotInFlight("MANUAL_PENDING", "MANUAL", Duration.ofHours(3));
        UUID fallbackThreeHours = slotInFlight("MANUAL_PENDING", "MANUAL", Duration.ofHours(3));
        UUID personTwoDays = slotInFlight("MANUAL_PENDING", "MANUAL", Duration.ofHours(49));

        List<UUID> stuckPosts =
                stuck.find("default").stream().map(StuckPosts.Stuck::postId).toList();

        assertThat(stuckPosts)
                .contains(apiThreeHours, personTwoDays)
                .doesNotContain(personThreeHours, fallbackThreeHours);
    }

    private UUID slotInFlight(String status, String route, Duration since) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        insert into slots (id, account_id, slot_at, status, route, dispatched_at)
                        values (:id, 'default', :at, :status, :route, :at)
                        """)
                .param("id", id)
                .param("at", java.sql.Timestamp.from(Instant.now().minus(since)))
                .param("status", status)
                .param("route", route)
                .update();
        return id;
    }
}
