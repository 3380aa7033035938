package dev.storyline.scheduler.outcomes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storyline.contracts.events.EventEnvelope;
import dev.storyline.contracts.events.ManualAction;
import dev.storyline.contracts.events.ManualPostResolved;
import dev.storyline.contracts.events.PostMethod;
import dev.storyline.contracts.events.PostPublished;
import dev.storyline.scheduler.LibraryTest;
import dev.storyline.scheduler.MediaFiles;
import dev.storyline.scheduler.SchedulerTest;
import dev.storyline.testkit.Eventually;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What each outcome does to history and media locks, once however often it arrives. */
@SchedulerTest(properties = {SchedulerTest.API_ON, SchedulerTest.INSTAGRAM_USER, SchedulerTest.DRY_RUN})
class OutcomesTest extends LibraryTest {

    @Test
    void a_skipped_item_rests_for_the_skip_lock_and_its_copy_under_another_name_is_not_posted() throws IOException {
        Path original = MediaFiles.storyJpeg(MEDIA_ROOT.resolve("memes/one.jpg"), Color.ORANGE);
        library.index();
        UUID first = library.insertDueSlot(Instant.now().minusSeconds(3));
        dispatcher.dispatchDue();
        tap.publish(EventEnvelope.forPost(
                "default", first, new ManualPostResolved(ManualAction.SKIPPED, 7, "cy", Instant.now())));
        Eventually.await(
                Duration.ofSeconds(20),
                "skip applied",
                () -> library.status(first).equals("RESOLVED"));
        assertThat(jdbc.sql(
                                "select reason || '|' || (locked_until between now() + interval '44 days' and now() + interval '46 days') from media_locks")
                        .query(String.class)
                        .single())
                .isEqualTo("SKIPPED|true");

        Files.copy(original, MEDIA_ROOT.resolve("memes/same-picture-new-name.jpg"));
        library.index();
        UUID next = library.insertDueSlot(Instant.now().minusSeconds(1));
        dispatcher.dispatchDue();
        assertThat(library.status(next))
                .as("the same content under another name is the same locked item")
                .isEqualTo("EMPTY");
    }

    @Test
    void every_outcome_applied_twice_has_one_effect() {
        MediaFiles.storyJpeg(MEDIA_ROOT.resolve("memes/one.jpg"), Color.ORANGE);
        MediaFiles.storyJpeg(MEDIA_ROOT.resolve("memes/two.jpg"), Color.CYAN);
        library.index();
        UUID published = library.insertDueSlot(Instant.now().minusSeconds(2));
        UUID rejected = library.insertDueSlot(Instant.now().minusSeconds(1));
        dispatcher.dispatchDue();

        EventEnvelope<PostPublished> publishedEvent = EventEnvelope.forPost(
                "default",
                published,
                new PostPublished("story-1", "container-1", PostMethod.INSTAGRAM_API, Instant.now(), false));
        EventEnvelope<ManualPostResolved> rejectedEvent = EventEnvelope.forPost(
                "default", rejected, new ManualPostResolved(ManualAction.REJECTED, 42, "ann", Instant.now()));
        EventEnvelope<ManualPostResolved> lateTap = EventEnvelope.forPost(
                "default", rejected, new ManualPostResolved(ManualAction.POSTED, 43, "bob", Instant.now()));
        for (EventEnvelope<?> event : List.of(publishedEvent, publishedEvent, rejectedEvent, rejectedEvent, lateTap)) {
            tap.publish(event);
        }

        Eventually.await(
                Duration.ofSeconds(20),
                "both outcomes applied",
                () -> library.status(published).equals("PUBLISHED")
                        && library.status(rejected).equals("RESOLVED"));
        Eventually.await(
                Duration.ofSeconds(20),
                "all five deliveries consumed",
                () -> jdbc.sql("select count(*) from inbox where event_id in (:ids)")
                                .param(
                                        "ids",
                                        List.of(publishedEvent.eventId(), rejectedEvent.eventId(), lateTap.eventId()))
                                .query(Integer.class)
                                .single()
                        == 3);
        assertThat(jdbc.sql(
                                "select status || '|' || coalesce(story_id, '-') || '|' || posted_by from posting_history order by status")
                        .query(String.class)
                        .list())
                .containsExactly("PUBLISHED|story-1|instagram_api", "REJECTED|-|ann");
        assertThat(jdbc.sql(
                                "select reason || '|' || (locked_until > now() + interval '100 years') from media_locks order by reason")
                        .query(String.class)
                        .list())
                .containsExactly("POSTED|false", "REJECTED|true");
    }

    @Test
    void rejected_media_never_comes_back_and_posted_media_waits_for_its_lock() {
        MediaFiles.storyJpeg(MEDIA_ROOT.resolve("memes/only.jpg"), Color.ORANGE);
        library.index();
        UUID first = library.insertDueSlot(Instant.now().minusSeconds(3));
        dispatcher.dispatchDue();
        tap.publish(EventEnvelope.forPost(
                "default", first, new ManualPostResolved(ManualAction.REJECTED, 1, "ann", Instant.now())));
        Eventually.await(
                Duration.ofSeconds(20),
                "rejection applied",
                () -> library.status(first).equals("RESOLVED"));

        UUID next = library.insertDueSlot(Instant.now().minusSeconds(1));
        dispatcher.dispatchDue();

        assertThat(library.status(next)).isEqualTo("EMPTY");
    }
}
