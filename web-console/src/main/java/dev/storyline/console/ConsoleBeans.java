package dev.storyline.console;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/** Beans the features share. */
@Configuration(proxyBeanMethods = false)
class ConsoleBeans {

    /** "Today" and "this week" come from here; tests may replace it. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
