package dev.storyline.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storyline.platform.security.LiveSecretException;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;

/**
 * Live (DRY_RUN=false) the console refuses to start with the published demo password or a short one for its
 * first admin, naming CONSOLE_ADMIN_PASSWORD; in dry-run the demo password is fine. Stops right after the
 * environment is checked, before any bean exists.
 */
class ConsoleLiveSecretsTest {

    private static final class ReachedContext extends RuntimeException {
        ReachedContext() {
            super("reached the application context", null, false, false);
        }
    }

    @Test
    void live_it_refuses_the_demo_or_a_short_admin_password_and_names_the_variable() {
        assertThat(start("false", "demo-console-password-not-a-secret"))
                .isInstanceOf(LiveSecretException.class)
                .hasMessageContaining("CONSOLE_ADMIN_PASSWORD")
                .hasMessageContaining("demo value");
        assertThat(start("false", "short-pw-1"))
                .isInstanceOf(LiveSecretException.class)
                .hasMessageContaining("CONSOLE_ADMIN_PASSWORD")
                .hasMessageContaining("shorter than 12");
        assertThat(start("false", "a-long-and-private-passphrase")).isInstanceOf(ReachedContext.class);
        assertThat(start("true", "demo-console-password-not-a-secret")).isInstanceOf(ReachedContext.class);
    }

    private static Throwable start(String dryRun, String password) {
        SpringApplication app = new SpringApplication(ConsoleApplication.class);
        app.setWebApplicationType(WebApplicationType.NONE);
        app.addInitializers(context -> {
            throw new ReachedContext();
        });
        try {
            app.run(
                    "--DRY_RUN=" + dryRun,
                    "--CONSOLE_ADMIN_PASSWORD=" + password,
                    "--STORYLINE_ADMIN_TOKEN=" + "k".repeat(40),
                    "--RABBITMQ_PASSWORD=" + "r".repeat(20),
                    "--spring.main.banner-mode=off");
            return null;
        } catch (Throwable e) {
            return e;
        }
    }
}
