package dev.storyline.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fallback-rate alert's settings: documented defaults, and start-up refuses nonsense naming the variable. */
class FallbackAlertSettingsTest {

    @TempDir
    static Path mediaRoot;

    private final SchedulerSettings settings = new SchedulerSettings(mediaRoot);

    @Test
    void defaults_to_more_than_5_percent_of_at_least_4_api_posts_within_6_hours() {
        settings.with().run(context -> {
            assertThat(context).hasNotFailed();
            SchedulerProperties properties = context.getBean(SchedulerProperties.class);
            assertThat(properties.fallbackAlertWindow()).isEqualTo(Duration.ofHours(6));
            assertThat(properties.fallbackAlertMinPosts()).isEqualTo(4);
            assertThat(properties.fallbackAlertThresholdPercent()).isEqualTo(5.0);
        });
    }

    @Test
    void takes_its_settings_from_the_documented_variables() {
        settings.with("FALLBACK_ALERT_WINDOW=90m", "FALLBACK_ALERT_MIN_POSTS=10", "FALLBACK_ALERT_THRESHOLD=2.5")
                .run(context -> {
                    SchedulerProperties properties = context.getBean(SchedulerProperties.class);
                    assertThat(properties.fallbackAlertWindow()).isEqualTo(Duration.ofMinutes(90));
                    assertThat(properties.fallbackAlertMinPosts()).isEqualTo(10);
                    assertThat(properties.fallbackAlertThresholdPercent()).isEqualTo(2.5);
                });
    }

    @Test
    void refuses_a_threshold_outside_0_to_100_percent() {
        settings.assertStartupFails(
                "FALLBACK_ALERT_THRESHOLD is a percentage from 0 to below 100, e.g. 5", "FALLBACK_ALERT_THRESHOLD=-1");
        settings.assertStartupFails(
                "FALLBACK_ALERT_THRESHOLD is a percentage from 0 to below 100, e.g. 5", "FALLBACK_ALERT_THRESHOLD=100");
    }

    @Test
    void refuses_a_minimum_below_one_post_and_a_window_below_one_minute() {
        settings.assertStartupFails("FALLBACK_ALERT_MIN_POSTS must be at least 1", "FALLBACK_ALERT_MIN_POSTS=0");
        settings.assertStartupFails(
                "FALLBACK_ALERT_WINDOW must be a duration of at least 1m, e.g. 6h", "FALLBACK_ALERT_WINDOW=30s");
    }
}
