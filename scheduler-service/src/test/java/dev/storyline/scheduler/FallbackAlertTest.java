package dev.storyline.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storyline.contracts.events.AdminAlert;
import dev.storyline.contracts.events.AlertSeverity;
import dev.storyline.contracts.events.EventEnvelope;
import dev.storyline.contracts.events.EventPayload;
import dev.storyline.contracts.events.FallbackReason;
import dev.storyline.contracts.events.FallbackRequested;
import dev.storyline.contracts.events.PostContent;
import dev.storyline.contracts.events.PostMethod;
import dev.storyline.contracts.events.PostPublished;
import dev.storyline.contracts.json.EventCodec;
import dev.storyline.platform.outbox.Outbox;
import dev.storyline.scheduler.accounts.Accounts;
import dev.storyline.scheduler.insights.FallbackWatch;
import dev.storyline.scheduler.media.MediaIndexer;
import dev.storyline.scheduler.schedule.Dispatcher;
import dev.storyline.testkit.EventTap;
import dev.storyline.testkit.Eventually;
import java.awt.Color;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/** The fallback-rate alert: the admins hear once per window when the API route keeps handing posts to Telegram. */
@SchedulerTest(
        properties = {
            SchedulerTest.API_ON,
            SchedulerTest.INSTAGRAM_USER,
            SchedulerTest.DRY_RUN,
            // above the 5 % default, so "below the threshold" needs a handful of posts rather than twenty
            "storyline.scheduler.fallback-alert-threshold-percent=25"
        })
class FallbackAlertTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Path MEDIA_ROOT = MediaLibrary.newRoot();

    static {
        Color[] colors = {
            Color.RED, Color.BLUE, Color.GREEN, Color.ORANGE, Color.PINK, Color.CYAN, Color.MAGENTA, Color.YELLOW
        };
        for (int i = 0; i < colors.length; i++) {
            MediaFiles.storyJpeg(MEDIA_ROOT.resolve("memes/" + i + ".jpg"), colors[i]);
        }
    }

    @DynamicPropertySource
    static void mediaRoot(DynamicPropertyRegistry registry) {
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
    FallbackWatch watch;

    @Autowired
    RabbitTemplate rabbit;

    @Autowired
    EventCodec codec;

    @Autowired
    Outbox outbox;

    @Autowired
    SchedulerProperties properties;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void alerts_the_admins_once_when_the_fallback_rate_exceeds_the_threshold() {
        indexer.index(accounts.find("default").orElseThrow());
        // posts sent to Telegram from the start are neither API posts nor fallbacks
        jdbc.sql("""
                        insert into slots (id, account_id, slot_at, status, route, route_reason, dispatched_at, completed_at)
                        select gen_random_uuid(), 'default', now() - make_interval(days => 1, mins => g), 'RESOLVED',
                               'MANUAL', 'requires_interaction', now() - make_interval(mins => g), now()
                        from generate_series(1, 10) g
                        """).update();

        // 1 of 3 fell back: a third, but three posts say nothing about a rate (FALLBACK_ALERT_MIN_POSTS=4)
        List<UUID> first = dispatchApiPosts(3);
        published(first.get(0));
        published(first.get(1));
        fellBack(first.get(2), FallbackReason.MEDIA_REJECTED);
        assertThat(watch.check()).isZero();

        // 1 of 5: 20 %, below the threshold of 25 %
        List<UUID> second = dispatchApiPosts(2);
        second.forEach(this::published);
        assertThat(watch.rates()).containsExactly(new FallbackWatch.FallbackRate("default", 5, 1));
        assertThat(watch.check()).isZero();
        assertThat(fallbackAlerts()).isEmpty();

        // 3 of 7: 42.9 %, above it
        List<UUID> third = dispatchApiPosts(2);
        fellBack(third.get(0), FallbackReason.API_UNAVAILABLE);
        fellBack(third.get(1), FallbackReason.MEDIA_REJECTED);
        assertThat(watch.check()).isEqualTo(1);

        assertThat(fallbackAlerts()).singleElement().satisfies(alert -> {
            assertThat(alert.alertKey()).isEqualTo("fallback-rate:default");
            assertThat(alert.severity()).isEqualTo(AlertSeverity.WARNING);
            assertThat(alert.text())
                    .contains(
                            "Account default: 3 of 7 posts routed to the Instagram API in the last 6h fell back to Telegram")
                    .contains("42.9 %, threshold 25 %")
                    .contains("Most common reasons: MEDIA_REJECTED ×2, API_UNAVAILABLE ×1");
        });

        // checked again, and by a fresh instance as after a restart: the alert is remembered in the database
        assertThat(watch.check()).isZero();
        FallbackWatch afterRestart = new FallbackWatch(jdbc, outbox, properties);
        Integer alertedAfterRestart = transactions.execute(status -> afterRestart.check());
        assertThat(alertedAfterRestart).isZero();
        assertThat(fallbackAlerts()).hasSize(1);

        // once the window has passed since the alert, a rate still too high is reported again
        jdbc.sql("update fallback_alerts set alerted_at = now() - interval '6 hours 1 minute'")
                .update();
        assertThat(watch.check()).isEqualTo(1);
        assertThat(fallbackAlerts()).hasSize(2);
    }

    /** Dispatches {@code count} due slots; the account has the API enabled, so each goes the automatic route. */
    private List<UUID> dispatchApiPosts(int count) {
        List<UUID> slots = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            slots.add(new Slots(jdbc).planned("default", Instant.now().minusSeconds(count - i)));
        }
        while (dispatcher.dispatchDue() > 0) {
            // until every slot above is dispatched
        }
        for (UUID slot : slots) {
            assertThat(jdbc.sql("select route from slots where id = :id")
                            .param("id", slot)
                            .query(String.class)
                            .single())
                    .isEqualTo("AUTO");
        }
        return slots;
    }

    private void published(UUID slot) {
        publish(EventEnvelope.forPost(
                "default",
                slot,
                new PostPublished("story-" + slot, "container", PostMethod.INSTAGRAM_API, Instant.now(), true)));
        Eventually.await(WAIT, "post " + slot + " published", () -> status(slot).equals("PUBLISHED"));
    }

    private void fellBack(UUID slot, FallbackReason reason) {
        PostContent content = new Slots(jdbc).content(slot);
        publish(EventEnvelope.forPost(
                "default", slot, new FallbackRequested(content, reason, "the API said no", null)));
        Eventually.await(WAIT, "post " + slot + " fell back", () -> status(slot).equals("MANUAL_PENDING"));
    }

    private List<AdminAlert> fallbackAlerts() {
        return jdbc
                .sql("select body from outbox where event_type = 'AdminAlert' order by id")
                .query(String.class)
                .list()
                .stream()
                .map(body -> codec.read(body.getBytes(StandardCharsets.UTF_8)))
                .map(EventEnvelope::payload)
                .map(AdminAlert.class::cast)
                .filter(alert -> alert.alertKey().startsWith("fallback-rate:"))
                .toList();
    }

    private String status(UUID slot) {
        return new Slots(jdbc).status(slot);
    }

    private void publish(EventEnvelope<? extends EventPayload> event) {
        try (EventTap tap = EventTap.on(rabbit)) {
            tap.publish(event);
        }
    }
}
