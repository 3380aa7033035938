package dev.storyline.platform.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storyline.platform.testapp.ConsumerTestApplication;
import dev.storyline.testkit.Eventually;
import dev.storyline.testkit.IsolatedInfrastructure;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The container healthcheck probes readiness: a dead background loop must make it fail. */
@SpringBootTest(classes = ConsumerTestApplication.class, properties = "spring.config.name=contracts-test")
class ReadinessIncludesLoopsTest {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        IsolatedInfrastructure.forClass(ReadinessIncludesLoopsTest.class).register(registry);
    }

    @Autowired
    HealthEndpoint health;

    @Autowired
    BackgroundLoops loops;

    @Test
    void readiness_turns_down_when_a_background_loop_stops_beating() throws InterruptedException {
        Eventually.await(
                Duration.ofSeconds(30),
                "readiness UP",
                () -> Status.UP.equals(health.healthForPath("readiness").getStatus()));

        CountDownLatch release = new CountDownLatch(1);
        loops.every("hung", Duration.ZERO, Duration.ofMillis(50), Duration.ofMillis(300), () -> {
            try {
                release.await(); // a tick that never returns: a dead loop
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try {
            Eventually.await(
                    Duration.ofSeconds(10),
                    "readiness DOWN",
                    () -> Status.DOWN.equals(health.healthForPath("readiness").getStatus()));
            assertThat(health.healthForPath("liveness").getStatus()).isEqualTo(Status.DOWN);
        } finally {
            release.countDown();
        }
    }
}
