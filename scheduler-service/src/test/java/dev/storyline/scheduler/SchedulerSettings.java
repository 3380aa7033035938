package dev.storyline.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storyline.testkit.StartupFailures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;

/**
 * {@link SchedulerProperties} bound and validated as at start-up, without the rest of the application, from
 * application.yml itself, so the variables and their defaults are the ones the README documents.
 */
final class SchedulerSettings {

    @Configuration
    @EnableConfigurationProperties(SchedulerProperties.class)
    static class PropertiesOnly {}

    private final ApplicationContextRunner runner;

    SchedulerSettings(Path mediaRoot) {
        this.runner = new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
                .withUserConfiguration(PropertiesOnly.class)
                .withInitializer(SchedulerSettings::loadApplicationYml)
                .withPropertyValues("MEDIA_ROOT=" + mediaRoot);
    }

    /** The settings with the given variables set, e.g. {@code DISPATCH_THREADS=1}. */
    ApplicationContextRunner with(String... variables) {
        return runner.withPropertyValues(variables);
    }

    void assertStartupFails(String expectedMessage, String... variables) {
        with(variables).run(context -> {
            assertThat(context).hasFailed();
            assertThat(StartupFailures.messages(context.getStartupFailure())).contains(expectedMessage);
        });
    }

    private static void loadApplicationYml(ConfigurableApplicationContext context) {
        try {
            var sources =
                    new YamlPropertySourceLoader().load("application.yml", new ClassPathResource("application.yml"));
            sources.forEach(context.getEnvironment().getPropertySources()::addLast);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
