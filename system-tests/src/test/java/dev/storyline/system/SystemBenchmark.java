package dev.storyline.system;

import dev.storyline.testkit.Eventually;
import java.awt.Color;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Whole-system benchmark, run by bench/system.sh (never in the normal test run): end-to-end posts per
 * second through scheduler, upload-worker and instagram-worker (dry-run, local provider: the instant
 * fakes of the chain). bench/system.sh measures start-up and memory itself, with the shipped launcher.
 */
@EnabledIfSystemProperty(named = "storyline.benchmark", matches = "true")
class SystemBenchmark {

    private static final int POSTS = Integer.getInteger("bench.posts", 300);

    @Test
    void end_to_end_posts_per_second_through_the_automatic_chain() throws Exception {
        try (StorylineSystem system = new StorylineSystem("bench_e2e")) {
            for (int i = 0; i < POSTS; i++) {
                system.storyImage("memes/b" + i + ".jpg", new Color(i * 7919 % 0xFFFFFF));
            }
            system.start("scheduler-service", "upload-worker", "instagram-worker");
            Eventually.await(
                    Duration.ofSeconds(120),
                    "library indexed",
                    () -> system.admin("GET", "/api/accounts/default/stats")
                                    .get("eligible")
                                    .asInt()
                            == POSTS);
            long t0 = System.nanoTime();
            system.infra.jdbc("scheduler").sql("""
                            insert into slots (id, account_id, slot_at, status)
                            select gen_random_uuid(), 'default', now() - (g * interval '1 millisecond'), 'PLANNED'
                            from generate_series(1, :n) g
                            """).param("n", POSTS).update();
            Eventually.await(
                    Duration.ofSeconds(600),
                    POSTS + " posts in the history",
                    () -> system.infra
                                    .jdbc("scheduler")
                                    .sql("select count(*) from posting_history")
                                    .query(Integer.class)
                                    .single()
                            == POSTS);
            double seconds = (System.nanoTime() - t0) / 1e9;
            report("e2e", String.format("posts=%d seconds=%.1f postsPerSecond=%.1f", POSTS, seconds, POSTS / seconds));
        }
    }

    private static void report(String name, String figures) throws Exception {
        String line = "BENCHMARK " + name + ": " + figures;
        System.err.println(line);
        Files.writeString(Path.of("target", "benchmark-" + name + ".txt"), line + System.lineSeparator());
    }
}
