package dev.storyline.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** Dispatch parallelism and batch size: documented defaults, and start-up refuses nonsense naming the variable. */
class DispatchSettingsTest {

    @TempDir
    static Path mediaRoot;

    @Configuration
    @EnableConfigurationProperties(SchedulerProperties.class)
    static class PropertiesOnly {}

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(PropertiesOnly.class)
            .withInitializer(DispatchSettingsTest::loadApplicationYml)
            .withPropertyValues("MEDIA_ROOT=" + mediaRoot);

    @Test
    void defaults_to_4_threads_and_batches_of_50_slots() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            SchedulerProperties properties = context.getBean(SchedulerProperties.class);
            assertThat(properties.dispatchThreads()).isEqualTo(4);
            assertThat(properties.dispatchBatch()).isEqualTo(50);
        });
    }

    @Test
    void takes_its_settings_from_the_documented_variables() {
        runner.withPropertyValues("DISPATCH_THREADS=1", "DISPATCH_BATCH=200").run(context -> {
            SchedulerProperties properties = context.getBean(SchedulerProperties.class);
            assertThat(properties.dispatchThreads()).isEqualTo(1);
            assertThat(properties.dispatchBatch()).isEqualTo(200);
        });
    }

    @Test
    void refuses_thread_counts_outside_1_to_8_and_batches_outside_1_to_500() {
        assertStartupFails("DISPATCH_THREADS must be a whole number from 1 to 8", "DISPATCH_THREADS=0");
        assertStartupFails("DISPATCH_THREADS must be a whole number from 1 to 8", "DISPATCH_THREADS=9");
        assertStartupFails("DISPATCH_BATCH must be a whole number from 1 to 500", "DISPATCH_BATCH=0");
        assertStartupFails("DISPATCH_BATCH must be a whole number from 1 to 500", "DISPATCH_BATCH=501");
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
