package dev.storyline.console;

import dev.storyline.platform.StorylineAutoConfiguration;
import dev.storyline.platform.admin.AdminApiAutoConfiguration;
import dev.storyline.platform.retention.RetentionAutoConfiguration;
import dev.storyline.platform.security.PerimeterAutoConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.amqp.RabbitAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The web console: pages for brand teams over the scheduler's admin API. It takes no part in the event
 * flow (no broker, no outbox) and keeps only its users in its own schema. The shared bearer-token
 * perimeter is left out on purpose: its catch-all chain would deny every page, and the console brings a
 * session-based chain of its own (signin.ConsoleSecurity), as that perimeter asks of a session-based UI.
 * Excluded in code, not in configuration, so no environment variable can bring either back.
 */
@SpringBootApplication(
        exclude = {
            PerimeterAutoConfiguration.class,
            AdminApiAutoConfiguration.class,
            StorylineAutoConfiguration.class,
            RetentionAutoConfiguration.class,
            RabbitAutoConfiguration.class
        })
@ConfigurationPropertiesScan
public class ConsoleApplication {

    public static void main(String[] args) {
        SpringApplication.run(ConsoleApplication.class, args);
    }
}
