package dev.storyline.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** The fallback-rate alert's settings: documented defaults, and start-up refuses nonsense naming the variable. */
class FallbackAlertSettingsTest {

    @TempDir
    static Path mediaRoot;

    @Configuration
    @EnableConfigurationProperties(SchedulerProperties.class)
    static class PropertiesOnly {}

    /** application.yml itself, so the variables and their defaults are the ones the README documents. */
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(PropertiesOnly.class)
            .withInitializer(context -> loadApplicationYml(context))
            .withPropertyValues("MEDIA_ROOT=" + mediaRoot);

    @Test
    void defaults_to_more_than_5_percent_of_at_least_4_api_posts_within_6_hours() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            SchedulerProperties properties = context.getBean(SchedulerProperties.class);
            assertThat(properties.fallbackAlertWindow()).isEqualTo(Duration.ofHours(6));
            assertThat(properties.fallbackAlertMinPosts()).isEqualTo(4);
            assertThat(properties.fallbackAlertThresholdPercent()).isEqualTo(5.0);
        });
    }

    @Test
    void takes_its_settings_from_the_documented_variables() {
        runner.withPropertyValues(
                        "FALLBACK_ALERT_WINDOW=90m", "FALLBACK_ALERT_MIN_POSTS=10", "FALLBACK_ALERT_THRESHOLD=2.5")
                .run(context -> {
                    SchedulerProperties properties = context.getBean(SchedulerProperties.class);
                    assertThat(properties.fallbackAlertWindow()).isEqualTo(Duration.ofMinutes(90));
                    assertThat(properties.fallbackAlertMinPosts()).isEqualTo(10);
                    assertThat(properties.fallbackAlertThresholdPercent()).isEqualTo(2.5);
                });
    }

    @Test
    void refuses_a_threshold_outside_0_to_100_percent() {
        assertStartupFails(
                "FALLBACK_ALERT_THRESHOLD is a percentage from 0 to below 100, e.g. 5", "FALLBACK_ALERT_THRESHOLD=-1");
        assertStartupFails(
                "FALLBACK_ALERT_THRESHOLD is a percentage from 0 to below 100, e.g. 5", "FALLBACK_ALERT_THRESHOLD=100");
    }

    @Test
    void refuses_a_minimum_below_one_post_and_a_window_below_one_minute() {
        assertStartupFails("FALLBACK_ALERT_MIN_POSTS must be at least 1", "FALLBACK_ALERT_MIN_POSTS=0");
        assertStartupFails(
                "FALLBACK_ALERT_WINDOW must be a duration of at least 1m, e.g. 6h", "FALLBACK_ALERT_WINDOW=30s");
    }

    private void assertStartupFails(String expectedMessage, String... properties) {
        runner.withPropertyValues(properties).run(context -> {
            assertThat(context).hasFailed();
            assertThat(messages(context.getStartupFailure())).contains(expectedMessage);
        });
    }

    /** Binding and validation errors are wrapped a few levels deep; the operator reads all of them. */
    private static String messages(Throwable failure) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append('\n');
        }
        return all.toString();
    }

    private static void loadApplicationYml(org.springframework.context.ConfigurableApplicationContext context) {
        try {
            var sources = new org.springframework.boot.env.YamlPropertySourceLoader()
                    .load("application.yml", new org.springframework.core.io.ClassPathResource("application.yml"));
            sources.forEach(context.getEnvironment().getPropertySources()::addLast);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
