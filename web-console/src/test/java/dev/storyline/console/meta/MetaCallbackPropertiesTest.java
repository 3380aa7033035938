package dev.storyline.console.meta;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** The callbacks' settings as Spring binds and checks them at start-up. */
class MetaCallbackPropertiesTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(MetaCallbackProperties.class)
    static class Settings {}

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(Settings.class)
            .withPropertyValues(
                    "storyline.console.meta-callbacks.public-url=https://console.example.com",
                    "storyline.console.meta-callbacks.token-worker-url=http://token-worker:8084");

    @Test
    void live_a_too_short_app_secret_stops_the_start_naming_META_APP_SECRET() {
        context.withPropertyValues(
                        "storyline.console.meta-callbacks.app-secret=short-secret",
                        "storyline.console.meta-callbacks.dry-run=false")
                .run(started -> assertThat(started.getStartupFailure())
                        .rootCause()
                        .hasMessageContaining("META_APP_SECRET is shorter than 32 characters"));
    }

    @Test
    void live_a_full_app_secret_or_none_at_all_starts_and_dry_run_takes_a_short_one() {
        context.withPropertyValues(
                        "storyline.console.meta-callbacks.app-secret=" + "a".repeat(32),
                        "storyline.console.meta-callbacks.dry-run=false")
                .run(started -> assertThat(started).hasNotFailed());
        context.withPropertyValues("storyline.console.meta-callbacks.dry-run=false")
                .run(started -> assertThat(
                                started.getBean(MetaCallbackProperties.class).configured())
                        .isFalse());
        context.withPropertyValues(
                        "storyline.console.meta-callbacks.app-secret=short",
                        "storyline.console.meta-callbacks.dry-run=true")
                .run(started -> assertThat(started).hasNotFailed());
    }

    @Test
    void live_with_callbacks_on_the_public_url_must_be_https() {
        context.withPropertyValues(
                        "storyline.console.meta-callbacks.app-secret=" + "a".repeat(32),
                        "storyline.console.meta-callbacks.public-url=http://console.example.com",
                        "storyline.console.meta-callbacks.dry-run=false")
                .run(started -> assertThat(started.getStartupFailure())
                        .rootCause()
                        .hasMessageContaining("CONSOLE_PUBLIC_URL must start with https://"));
    }

    @Test
    void a_public_url_that_is_not_http_is_refused_naming_CONSOLE_PUBLIC_URL() {
        context.withPropertyValues("storyline.console.meta-callbacks.public-url=console.example.com")
                .run(started -> assertThat(started.getStartupFailure())
                        .rootCause()
                        .hasMessageContaining("CONSOLE_PUBLIC_URL must be an http(s) URL"));
    }

    @Test
    void its_text_form_hides_the_secret() {
        MetaCallbackProperties properties =
                new MetaCallbackProperties("s".repeat(32), "https://c.example.com/", "http://t:8084", false);
        assertThat(properties.toString()).doesNotContain("sss").contains("<redacted>");
        assertThat(properties.publicBase()).isEqualTo("https://c.example.com");
    }
}
