package dev.storyline.scheduler.outcomes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storyline.contracts.events.FallbackReason;
import dev.storyline.contracts.events.TokenRefreshed;
import dev.storyline.scheduler.MediaLibrary;
import dev.storyline.scheduler.SchedulerTest;
import dev.storyline.scheduler.Signals;
import dev.storyline.testkit.Samples;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Token and rate-limit signals processed out of order never leave the account in an older state. */
@SchedulerTest(
        properties = {
            "storyline.admin.token=test-admin-token",
            SchedulerTest.API_ON,
            "storyline.account.instagram-user-id=1784"
        })
class TokenStateOrderingTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @DynamicPropertySource
    static void mediaRoot(DynamicPropertyRegistry registry) {
        registry.add("storyline.scheduler.media-root", MediaLibrary.newRoot()::toString);
    }

    @Autowired
    JdbcClient jdbc;

    @Autowired
    RabbitTemplate rabbit;

    private Signals signals;

    @BeforeEach
    void healthyAccount() {
        signals = new Signals(rabbit, jdbc);
        signals.forgetTokenState("default");
    }

    @Test
    void a_late_token_expired_fallback_about_the_refreshed_token_leaves_the_account_healthy() {
        Instant t = Instant.now().minusSeconds(60);
        signals.deliver(Samples.at("default", t, Samples.fallback(FallbackReason.TOKEN_EXPIRED, 4L)));
        signals.deliver(Samples.at(
                "default", t.plusSeconds(10), new TokenRefreshed(Instant.now().plus(Duration.ofDays(60)), 5L)));
        // another post's fallback, about the token before the refresh, processed last
        signals.deliver(Samples.at("default", t.plusSeconds(20), Samples.fallback(FallbackReason.TOKEN_EXPIRED, 4L)));

        assertThat(signals.tokenHealthy("default")).isTrue();
    }

    @Test
    void a_fallback_that_happened_before_the_refresh_but_arrives_after_it_is_ignored() {
        Instant t = Instant.now().minusSeconds(60);
        signals.deliver(Samples.at(
                "default", t.plusSeconds(10), new TokenRefreshed(Instant.now().plus(Duration.ofDays(60)))));
        signals.deliver(Samples.at("default", t, Samples.fallback(FallbackReason.TOKEN_EXPIRED, null)));

        assertThat(signals.tokenHealthy("default")).isTrue();
    }

    @Test
    void a_late_rate_limit_rests_the_api_from_when_it_happened_not_from_when_it_arrived() {
        Instant happened = Instant.now().minus(Duration.ofMinutes(50));
        signals.deliver(Samples.at("default", happened, Samples.fallback(FallbackReason.RATE_LIMITED, null)));

        Instant until = jdbc.sql("select api_paused_until from accounts where id = 'default'")
                .query(Instant.class)
                .single();
        assertThat(until).isBetween(happened.plus(Duration.ofMinutes(59)), happened.plus(Duration.ofMinutes(61)));
    }
}
