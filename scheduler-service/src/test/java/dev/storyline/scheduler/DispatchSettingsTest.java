package dev.storyline.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Dispatch parallelism and batch size: documented defaults, and start-up refuses nonsense naming the variable. */
class DispatchSettingsTest {

    @TempDir
    static Path mediaRoot;

    private final SchedulerSettings settings = new SchedulerSettings(mediaRoot);

    @Test
    void defaults_to_4_threads_and_batches_of_50_slots() {
        settings.with().run(context -> {
            assertThat(context).hasNotFailed();
            SchedulerProperties properties = context.getBean(SchedulerProperties.class);
            assertThat(properties.dispatchThreads()).isEqualTo(4);
            assertThat(properties.dispatchBatch()).isEqualTo(50);
            assertThat(properties.outcomeConsumers()).isEqualTo(4);
        });
    }

    @Test
    void takes_its_settings_from_the_documented_variables() {
        settings.with("DISPATCH_THREADS=1", "DISPATCH_BATCH=200", "OUTCOME_CONSUMERS=2")
                .run(context -> {
                    SchedulerProperties properties = context.getBean(SchedulerProperties.class);
                    assertThat(properties.dispatchThreads()).isEqualTo(1);
                    assertThat(properties.dispatchBatch()).isEqualTo(200);
                    assertThat(properties.outcomeConsumers()).isEqualTo(2);
                });
    }

    @Test
    void refuses_thread_counts_outside_1_to_8_and_batches_outside_1_to_500() {
        settings.assertStartupFails("DISPATCH_THREADS must be a whole number from 1 to 8", "DISPATCH_THREADS=0");
        settings.assertStartupFails("DISPATCH_THREADS must be a whole number from 1 to 8", "DISPATCH_THREADS=9");
        settings.assertStartupFails("DISPATCH_BATCH must be a whole number from 1 to 500", "DISPATCH_BATCH=0");
        settings.assertStartupFails("DISPATCH_BATCH must be a whole number from 1 to 500", "DISPATCH_BATCH=501");
        settings.assertStartupFails("OUTCOME_CONSUMERS must be a whole number from 1 to 8", "OUTCOME_CONSUMERS=0");
        settings.assertStartupFails("OUTCOME_CONSUMERS must be a whole number from 1 to 8", "OUTCOME_CONSUMERS=9");
    }
}
