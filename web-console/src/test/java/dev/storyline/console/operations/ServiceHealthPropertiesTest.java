package dev.storyline.console.operations;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** The readiness URLs are checked at start-up: a console with a missing or wrong one refuses to start and names the variable. */
class ServiceHealthPropertiesTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(ServiceHealthProperties.class)
    static class Settings {}

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(Settings.class)
            .withPropertyValues(
                    "storyline.console.health.scheduler-service=http://scheduler-service:9080/actuator/health/readiness",
                    "storyline.console.health.upload-worker=http://upload-worker:9081/actuator/health/readiness",
                    "storyline.console.health.instagram-worker=http://instagram-worker:9082/actuator/health/readiness",
                    "storyline.console.health.telegram-worker=http://telegram-worker:9083/actuator/health/readiness",
                    "storyline.console.health.token-worker=http://token-worker:9084/actuator/health/readiness",
                    "storyline.console.health.timeout=2s");

    @Test
    void five_http_urls_and_a_timeout_start_and_keep_the_pipeline_order() {
        context.run(started -> {
            assertThat(started).hasNotFailed();
            assertThat(started.getBean(ServiceHealthProperties.class).byService())
                    .containsOnlyKeys(
                            "scheduler-service",
                            "upload-worker",
                            "instagram-worker",
                            "telegram-worker",
                            "token-worker");
        });
    }

    @Test
    void a_missing_or_non_http_url_refuses_to_start_naming_the_variable() {
        context.withPropertyValues("storyline.console.health.upload-worker=")
                .run(failed -> assertThat(failed)
                        .hasFailed()
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("set UPLOAD_WORKER_READINESS_URL"));
        context.withPropertyValues("storyline.console.health.token-worker=token-worker:9084")
                .run(failed -> assertThat(failed)
                        .hasFailed()
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("TOKEN_WORKER_READINESS_URL must be an http(s) URL"));
    }
}
