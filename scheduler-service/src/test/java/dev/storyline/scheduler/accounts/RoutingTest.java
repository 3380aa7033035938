package dev.storyline.scheduler.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storyline.contracts.events.AutoPostRequested;
import dev.storyline.contracts.events.EventEnvelope;
import dev.storyline.contracts.events.EventPayload;
import dev.storyline.contracts.events.FallbackReason;
import dev.storyline.contracts.events.FallbackRequested;
import dev.storyline.contracts.events.PostContent;
import dev.storyline.contracts.events.PostRequested;
import dev.storyline.contracts.events.Route;
import dev.storyline.contracts.events.TokenRefreshFailed;
import dev.storyline.contracts.events.TokenRefreshed;
import dev.storyline.scheduler.LibraryTest;
import dev.storyline.scheduler.MediaFiles;
import dev.storyline.scheduler.SchedulerTest;
import dev.storyline.scheduler.Slots;
import dev.storyline.testkit.EventTap;
import dev.storyline.testkit.Eventually;
import java.awt.Color;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Which route a due post takes, and how it changes with the token, Meta's limits and a person's Auto post. */
@SchedulerTest(properties = {SchedulerTest.API_ON, SchedulerTest.INSTAGRAM_USER, SchedulerTest.DRY_RUN})
class RoutingTest extends LibraryTest {

    @Test
    void a_failed_token_refresh_routes_posts_to_telegram_until_a_token_is_refreshed() {
        MediaFiles.storyJpeg(MEDIA_ROOT.resolve("memes/one.jpg"), Color.ORANGE);
        MediaFiles.storyJpeg(MEDIA_ROOT.resolve("memes/two.jpg"), Color.PINK);
        library.index();
        tap.publish(EventEnvelope.forAccount("default", new TokenRefreshFailed("400 from Meta", Instant.now(), 3)));
        Eventually.await(
                Duration.ofSeconds(20),
                "token marked unhealthy",
                () -> !accounts.find("default").orElseThrow().tokenHealthy());
        UUID manual = library.insertDueSlot(Instant.now().minusSeconds(2));
        dispatcher.dispatchDue();
        assertThat(library.route(manual)).isEqualTo("MANUAL|token_unhealthy");

        tap.publish(EventEnvelope.forAccount(
                "default", new TokenRefreshed(Instant.now().plus(Duration.ofDays(60)))));
        Eventually.await(
                Duration.ofSeconds(20),
                "token healthy again",
                () -> accounts.find("default").orElseThrow().tokenHealthy());
        UUID automatic = library.insertDueSlot(Instant.now().minusSeconds(1));
        dispatcher.dispatchDue();
        assertThat(library.route(automatic)).isEqualTo("AUTO|api_enabled");
    }

    @Test
    void a_rate_limited_fallback_sends_the_next_posts_to_telegram_for_a_while() {
        MediaFiles.storyJpeg(MEDIA_ROOT.resolve("memes/one.jpg"), Color.ORANGE);
        MediaFiles.storyJpeg(MEDIA_ROOT.resolve("memes/two.jpg"), Color.PINK);
        library.index();
        UUID throttled = library.insertDueSlot(Instant.now().minusSeconds(2));
        dispatcher.dispatchDue();
        PostContent content = new Slots(jdbc).content(throttled);
        tap.publish(EventEnvelope.forPost(
                "default",
                throttled,
                new FallbackRequested(
                        content, FallbackReason.RATE_LIMITED, "publishing quota of 50 per 24 h used up", null)));
        Eventually.await(
                Duration.ofSeconds(20),
                "fallback applied",
                () -> library.status(throttled).equals("MANUAL_PENDING"));

        UUID next = library.insertDueSlot(Instant.now().minusSeconds(1));
        dispatcher.dispatchDue();
        assertThat(library.route(next)).isEqualTo("MANUAL|api_rate_limited");
    }

    @Test
    void auto_post_hands_a_post_waiting_on_telegram_back_to_the_api_once_with_the_same_medium() {
        MediaFiles.storyJpeg(MEDIA_ROOT.resolve("memes/one.jpg"), Color.ORANGE);
        library.index();
        accounts.setApiEnabled("default", false);
        UUID post = library.insertDueSlot(Instant.now().minusSeconds(2));
        dispatcher.dispatchDue();
        assertThat(library.route(post)).isEqualTo("MANUAL|api_disabled");
        assertThat(library.status(post))
                .as("waiting on a person, as a post that fell back is")
                .isEqualTo("MANUAL_PENDING");
        accounts.setApiEnabled("default", true);
        try (EventTap requests = EventTap.on(rabbit, "post.requested.auto")) {
            EventEnvelope<AutoPostRequested> autoPost =
                    EventEnvelope.forPost("default", post, new AutoPostRequested(7, "cy", Instant.now()));
            requests.publish(autoPost);
            requests.publish(autoPost); // redelivered
            requests.publish(EventEnvelope.forPost(
                    "default", post, new AutoPostRequested(8, "dan", Instant.now()))); // a second tap elsewhere

            PostRequested request =
                    (PostRequested) requests.next(Duration.ofSeconds(10)).payload();
            assertThat(request.route()).isEqualTo(Route.AUTO);
            assertThat(request.content().mediaPath()).isEqualTo("memes/one.jpg");
            assertThat(library.route(post)).isEqualTo("AUTO|handed_back");
            assertThat(library.status(post)).isEqualTo("DISPATCHED");
            assertThat(requests.moreWithin(Duration.ofSeconds(2)))
                    .as("one request only")
                    .isEmpty();
        }
    }

    @Test
    void auto_post_is_refused_back_to_telegram_when_the_api_cannot_post() {
        MediaFiles.storyJpeg(MEDIA_ROOT.resolve("memes/one.jpg"), Color.ORANGE);
        library.index();
        accounts.setApiEnabled("default", false);
        UUID post = library.insertDueSlot(Instant.now().minusSeconds(2));
        dispatcher.dispatchDue();
        try (EventTap fallbacks = EventTap.on(rabbit, "post.fallback.*")) {
            fallbacks.publish(EventEnvelope.forPost("default", post, new AutoPostRequested(7, "cy", Instant.now())));

            EventEnvelope<EventPayload> refusal = fallbacks.next(Duration.ofSeconds(10));
            assertThat(((FallbackRequested) refusal.payload()).message())
                    .contains("Auto post refused")
                    .contains("api disabled");
            // the scheduler consumes its own refusal too: it is not an API fallback, the post still waits on a person
            Eventually.await(
                    Duration.ofSeconds(20),
                    "the refusal consumed by the scheduler",
                    () -> jdbc.sql("select count(*) from inbox where event_id = :e")
                                    .param("e", refusal.eventId())
                                    .query(Integer.class)
                                    .single()
                            == 1);
            assertThat(library.route(post)).isEqualTo("MANUAL|api_disabled");
            assertThat(jdbc.sql("select status || '|' || coalesce(fallback_reason, '-') from slots where id = :id")
                            .param("id", post)
                            .query(String.class)
                            .single())
                    .isEqualTo("MANUAL_PENDING|-");
        } finally {
            accounts.setApiEnabled("default", true);
        }
    }
}
