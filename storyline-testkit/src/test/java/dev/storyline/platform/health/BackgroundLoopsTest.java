package dev.storyline.platform.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storyline.testkit.Eventually;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Status;

class BackgroundLoopsTest {

    @Test
    void a_loop_whose_tick_throws_an_error_keeps_running() {
        LoopHealth health = new LoopHealth(Clock.systemUTC());
        BackgroundLoops loops = new BackgroundLoops(health);
        AtomicInteger ticks = new AtomicInteger();
        try {
            loops.every("flaky", Duration.ZERO, Duration.ofMillis(20), Duration.ofMinutes(1), () -> {
                if (ticks.incrementAndGet() <= 2) {
                    throw new NoClassDefFoundError("injected Error in tick " + ticks.get());
                }
            });
            Eventually.await(Duration.ofSeconds(10), "ticks after two Errors", () -> ticks.get() >= 5);
        } finally {
            loops.stop();
        }
    }

    @Test
    void a_loop_that_never_completes_a_tick_turns_health_down() {
        LoopHealth health = new LoopHealth(Clock.systemUTC());
        BackgroundLoops loops = new BackgroundLoops(health);
        try {
            loops.every("stuck", Duration.ZERO, Duration.ofMillis(20), Duration.ofMillis(200), () -> {
                throw new IllegalStateException("never gets anywhere");
            });
            assertThat(health.health().getStatus()).isEqualTo(Status.UP);
            Eventually.await(
                    Duration.ofSeconds(10),
                    "health DOWN",
                    () -> Status.DOWN.equals(health.health().getStatus()));
        } finally {
            loops.stop();
        }
    }
}
