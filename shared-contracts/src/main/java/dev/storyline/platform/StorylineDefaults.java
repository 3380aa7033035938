package dev.storyline.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * Adds {@code storyline-defaults.yml} (settings every service shares) with the lowest precedence,
 * so a service's own application.yml, environment variables and test properties all override it.
 * ({@code spring.config.import} would do the opposite: imported files win over the importer.)
 */
public class StorylineDefaults implements EnvironmentPostProcessor, Ordered {

    static final String RESOURCE = "storyline-defaults.yml";

    @Override
    public int getOrder() {
        // before the live-secrets check, which reads what these defaults bind
        return Ordered.LOWEST_PRECEDENCE - 10;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        try {
            for (PropertySource<?> source :
                    new YamlPropertySourceLoader().load("storyline-defaults", new ClassPathResource(RESOURCE))) {
                environment.getPropertySources().addLast(source);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
