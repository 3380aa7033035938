package dev.storyline.instagram;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/**
 * The worker's real application.yml, with environment variables given as properties (placeholders
 * resolve from either): bad values stop the start with the variable's name.
 */
class InstagramPropertiesTest {

    @Configuration
    @EnableConfigurationProperties(InstagramProperties.class)
    static class Bind {}

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withInitializer(new ConfigDataApplicationContextInitializer())
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(Bind.class);

    @Test
    void binds_the_documented_defaults() {
        runner.run(context -> {
            InstagramProperties properties = context.getBean(InstagramProperties.class);
            assertThat(properties.dryRun()).isTrue();
            assertThat(properties.graphBaseUrl()).isEqualTo("https://graph.facebook.com");
            assertThat(properties.loginType()).isEqualTo(InstagramProperties.LoginType.FACEBOOK_LOGIN);
            assertThat(properties.quotaCacheTtl()).isEqualTo(Duration.ofSeconds(60));
            assertThat(properties.rateLimit().window()).isEqualTo(Duration.ofHours(1));
            assertThat(properties.mediaCheckTimeout()).isEqualTo(Duration.ofSeconds(10));
            assertThat(properties.graphApiVersion()).isEqualTo("v25.0");
            assertThat(properties.postsPerHour()).isEqualTo(10);
            assertThat(properties.concurrency()).isEqualTo(4);
            assertThat(properties.containerPoll().videoTimeout())
                    .isGreaterThan(properties.containerPoll().imageTimeout());
            assertThat(properties.http().readTimeout()).isEqualTo(Duration.ofSeconds(30));
        });
    }

    @Test
    void publishes_through_graph_instagram_com_for_accounts_connected_with_instagram_login() {
        runner.withPropertyValues("INSTAGRAM_LOGIN_TYPE=instagram_login").run(context -> {
            InstagramProperties properties = context.getBean(InstagramProperties.class);
            assertThat(properties.loginType()).isEqualTo(InstagramProperties.LoginType.INSTAGRAM_LOGIN);
            assertThat(properties.graphBaseUrl()).isEqualTo("https://graph.instagram.com");
        });
        runner.withPropertyValues(
                        "INSTAGRAM_LOGIN_TYPE=instagram_login", "INSTAGRAM_GRAPH_BASE_URL=http://127.0.0.1:9999")
                .run(context -> assertThat(
                                context.getBean(InstagramProperties.class).graphBaseUrl())
                        .isEqualTo("http://127.0.0.1:9999"));
    }

    @Test
    void refuses_a_graph_host_that_does_not_match_the_login_type() {
        runner.withPropertyValues(
                        "INSTAGRAM_LOGIN_TYPE=instagram_login", "INSTAGRAM_GRAPH_BASE_URL=https://graph.facebook.com")
                .run(context -> assertThat(failure(context))
                        .contains("INSTAGRAM_LOGIN_TYPE=instagram_login")
                        .contains("use https://graph.instagram.com"));
        runner.withPropertyValues(
                        "INSTAGRAM_LOGIN_TYPE=facebook_login", "INSTAGRAM_GRAPH_BASE_URL=https://graph.instagram.com/")
                .run(context -> assertThat(failure(context)).contains("INSTAGRAM_LOGIN_TYPE=facebook_login"));
    }

    @Test
    void refuses_to_go_live_without_an_access_token() {
        runner.withPropertyValues("DRY_RUN=false")
                .run(context -> assertThat(failure(context)).contains("DRY_RUN=false needs INSTAGRAM_ACCESS_TOKEN"));
    }

    @Test
    void goes_live_with_token_worker_instead_of_an_access_token() {
        runner.withPropertyValues(
                        "DRY_RUN=false",
                        "TOKEN_WORKER_URL=http://token-worker:8084",
                        "STORYLINE_INTERNAL_TOKEN=shared-internal-secret")
                .run(context -> {
                    InstagramProperties properties = context.getBean(InstagramProperties.class);
                    assertThat(properties.tokenWorker().configured()).isTrue();
                    assertThat(properties.tokenWorker().cacheTtl()).isEqualTo(Duration.ofSeconds(60));
                    assertThat(properties.toString())
                            .doesNotContain("shared-internal-secret")
                            .contains("internalToken=<redacted>");
                });
        runner.withPropertyValues("DRY_RUN=false")
                .run(context -> assertThat(failure(context))
                        .contains("needs INSTAGRAM_ACCESS_TOKEN, or TOKEN_WORKER_URL")
                        .contains("STORYLINE_INTERNAL_TOKEN"));
    }

    @Test
    void refuses_a_token_worker_url_without_the_internal_token() {
        runner.withPropertyValues("TOKEN_WORKER_URL=http://token-worker:8084")
                .run(context -> assertThat(failure(context))
                        .contains("TOKEN_WORKER_URL is set but STORYLINE_INTERNAL_TOKEN is not"));
        runner.withPropertyValues(
                        "TOKEN_WORKER_URL=token-worker:8084", "STORYLINE_INTERNAL_TOKEN=shared-internal-secret")
                .run(context -> assertThat(failure(context)).contains("TOKEN_WORKER_URL must be an http(s) URL"));
        runner.withPropertyValues("TOKEN_CACHE_TTL=0s")
                .run(context -> assertThat(failure(context)).contains("TOKEN_CACHE_TTL must be a positive duration"));
    }

    @Test
    void names_the_variable_of_an_invalid_setting() {
        runner.withPropertyValues("INSTAGRAM_POSTS_PER_HOUR=0")
                .run(context -> assertThat(failure(context)).contains("INSTAGRAM_POSTS_PER_HOUR must be 1..100"));
        runner.withPropertyValues("INSTAGRAM_CONCURRENCY=0")
                .run(context -> assertThat(failure(context)).contains("INSTAGRAM_CONCURRENCY must be 1..32"));
        runner.withPropertyValues("INSTAGRAM_CONCURRENCY=33")
                .run(context -> assertThat(failure(context)).contains("INSTAGRAM_CONCURRENCY must be 1..32"));
        runner.withPropertyValues("INSTAGRAM_GRAPH_API_VERSION=25")
                .run(context ->
                        assertThat(failure(context)).contains("INSTAGRAM_GRAPH_API_VERSION must look like v25.0"));
        runner.withPropertyValues("INSTAGRAM_GRAPH_BASE_URL=graph.facebook.com")
                .run(context ->
                        assertThat(failure(context)).contains("INSTAGRAM_GRAPH_BASE_URL must be a scheme and host"));
        runner.withPropertyValues("INSTAGRAM_HTTP_READ_TIMEOUT=0s")
                .run(context -> assertThat(failure(context))
                        .contains("INSTAGRAM_HTTP_READ_TIMEOUT must be a positive duration"));
        runner.withPropertyValues("INSTAGRAM_QUOTA_CACHE_TTL=0s")
                .run(context ->
                        assertThat(failure(context)).contains("INSTAGRAM_QUOTA_CACHE_TTL must be a positive duration"));
        runner.withPropertyValues("INSTAGRAM_RATE_LIMIT_WAIT=-1s")
                .run(context -> assertThat(failure(context)).contains("INSTAGRAM_RATE_LIMIT_WAIT must be a duration"));
        runner.withPropertyValues("INSTAGRAM_VIDEO_CONTAINER_TIMEOUT=-1s")
                .run(context -> assertThat(failure(context))
                        .contains("INSTAGRAM_VIDEO_CONTAINER_TIMEOUT must be a positive duration"));
    }

    @Test
    void refuses_waits_that_add_up_to_more_than_one_delivery_may_take() {
        runner.withPropertyValues("INSTAGRAM_VIDEO_CONTAINER_TIMEOUT=20m", "INSTAGRAM_PUBLISH_CONFIRM_TIMEOUT=10m")
                .run(context -> assertThat(failure(context))
                        .contains("INSTAGRAM_VIDEO_CONTAINER_TIMEOUT")
                        .contains("INSTAGRAM_PUBLISH_CONFIRM_TIMEOUT")
                        .contains("consumer_timeout"));
        runner.run(context -> assertThat(context).hasNotFailed());
    }

    @Test
    void never_shows_the_access_token() {
        runner.withPropertyValues("DRY_RUN=false", "INSTAGRAM_ACCESS_TOKEN=EAAsecret")
                .run(context -> assertThat(
                                context.getBean(InstagramProperties.class).toString())
                        .doesNotContain("EAAsecret")
                        .contains("accessToken=<redacted>"));
    }

    private static String failure(AssertableApplicationContext context) {
        assertThat(context).hasFailed();
        StringBuilder text = new StringBuilder();
        for (Throwable t = context.getStartupFailure(); t != null; t = t.getCause()) {
            text.append(t.getMessage()).append('\n');
        }
        return text.toString();
    }
}
