package dev.storyline.console;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Beans the features share. */
@Configuration(proxyBeanMethods = false)
class ConsoleBeans {

    /** "Today" and "this week" come from here; tests may replace it. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
