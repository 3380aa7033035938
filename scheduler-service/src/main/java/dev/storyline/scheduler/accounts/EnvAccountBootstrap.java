package dev.storyline.scheduler.accounts;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** Creates (or updates) the environment-configured account at start-up, before indexing and planning. */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class EnvAccountBootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(EnvAccountBootstrap.class);

    private final Accounts accounts;
    private final EnvAccountProperties properties;

    EnvAccountBootstrap(Accounts accounts, EnvAccountProperties properties) {
        this.accounts = accounts;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) {
        accounts.upsert(properties.toAccount());
        log.info(
                "account '{}' configured from the environment (api {}, dry-run {}, {} posts/day {}-{}h {})",
                properties.id(),
                properties.apiEnabled() ? "enabled" : "disabled",
                properties.dryRun(),
                properties.postsPerDay(),
                properties.windowStartHour(),
                properties.windowEndHour(),
                properties.timezone());
    }
}
