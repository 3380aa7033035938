package dev.storyline.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** The worker's real application.yml, environment variables given as properties: live mode needs a bot. */
class TelegramStartupTest {

    @Configuration
    @EnableConfigurationProperties(TelegramProperties.class)
    static class Bind {}

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withInitializer(new ConfigDataApplicationContextInitializer())
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(Bind.class);

    @Test
    void refuses_to_go_live_without_a_bot_token_naming_the_variable() {
        runner.withPropertyValues("DRY_RUN=false")
                .run(context -> assertThat(failure(context)).contains("DRY_RUN=false needs TELEGRAM_BOT_TOKEN"));
    }

    @Test
    void runs_log_only_in_dry_run_and_live_with_a_bot() {
        runner.run(context ->
                assertThat(context.getBean(TelegramProperties.class).logOnly()).isTrue());
        runner.withPropertyValues(
                        "DRY_RUN=false",
                        "TELEGRAM_BOT_TOKEN=123:abc",
                        "TELEGRAM_CHANNEL_ID=-1",
                        "ADMIN_TELEGRAM_CHAT_ID=-2",
                        "MEDIA_ROOT=" + Posts.MEDIA_ROOT,
                        "TELEGRAM_ADMIN_USER_IDS=1")
                .run(context -> assertThat(
                                context.getBean(TelegramProperties.class).logOnly())
                        .isFalse());
    }

    @Test
    void refuses_a_short_callback_secret_naming_the_variable() {
        runner.withPropertyValues("TELEGRAM_CALLBACK_SECRET=short")
                .run(context -> assertThat(failure(context)).contains("TELEGRAM_CALLBACK_SECRET"));
    }

    private static String failure(AssertableApplicationContext context) {
        assertThat(context).hasFailed();
        StringBuilder messages = new StringBuilder();
        for (Throwable t = context.getStartupFailure(); t != null; t = t.getCause()) {
            messages.append(t.getMessage()).append('\n');
        }
        return messages.toString();
    }
}
