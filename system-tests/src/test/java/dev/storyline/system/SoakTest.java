package dev.storyline.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storyline.testkit.Eventually;
import dev.storyline.testkit.TestInfrastructure;
import java.awt.Color;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The long soak, run by {@code bench/soak.sh posts …} (never in the normal test run): {@code storyline.soak.posts}
 * posts over several accounts through the five services and the Graph and Bot API wire fakes, which fail
 * {@code storyline.fault.rate} of their calls (seeded by {@code storyline.fault.seed}). Posts go in waves
 * of {@code storyline.soak.wave} (100) slots due at once; during every wave one service picked at random
 * is killed with kill -9 and started again, and during the middle wave the broker restarts as well.
 * One account has its API switched off, so its posts go to the team chat and the Bot API faults are
 * played too; a person taps Posted on every manual message, as in {@link FaultMatrixTest}.
 *
 * <p>At the end the invariant is checked from the fakes' own records and the scheduler's tables: every
 * post published once or resolved by hand, none lost, none published twice, none messaged twice except
 * after a counted take-over.
 */
@EnabledIfSystemProperty(named = "storyline.soak.posts", matches = "[0-9]+")
class SoakTest {

    private static final int POSTS = Integer.getInteger("storyline.soak.posts", 1000);
    private static final int WAVE = Integer.getInteger("storyline.soak.wave", 100);
    /** At most 80 posts per account: the worker's own limit is 100 posts per hour per account and instance. */
    private static final int ACCOUNTS = Integer.getInteger("storyline.soak.accounts", Math.max(4, (POSTS + 79) / 80));

    private static final long SEED = Long.getLong("storyline.fault.seed", 20261203L);
    private static final double RATE = Double.parseDouble(System.getProperty("storyline.fault.rate", "0.10"));
    private static final Duration WAVE_TIMEOUT = Duration.ofMinutes(10);
    private static final List<String> SERVICES =
            List.of("scheduler-service", "upload-worker", "instagram-worker", "telegram-worker", "token-worker");

    private StorylineSystem system;
    private final List<UUID> allPosts = new ArrayList<>();
    private EveryPostOnce promise;

    @Test
    void every_post_is_published_once_or_resolved_by_hand_through_faults_kills_and_a_broker_restart() throws Exception {
        long started = System.nanoTime();
        int perAccount = (POSTS + ACCOUNTS - 1) / ACCOUNTS;
        system = new StorylineSystem("soak").withWireFakes();
        try {
            system.start(SERVICES.toArray(String[]::new));
            promise = new EveryPostOnce(system);
            List<Path> images = images(perAccount);
            for (int a = 0; a < ACCOUNTS; a++) {
                String id = account(a);
                String igUser = "178415" + String.format("%011d", a);
                system.admin(
                        "POST",
                        "/api/accounts",
                        Map.of(
                                "id",
                                id,
                                "apiEnabled",
                                a != 0,
                                "dryRun",
                                false,
                                "createFolder",
                                true,
                                "mediaSubdir",
                                id,
                                "postsPerDay",
                                0,
                                "instagramUserId",
                                igUser));
                BurstBenchmark.link(images, system.mediaRoot.resolve(id).resolve("memes"));
                system.graph.account(igUser).quota(0, 1000);
                system.admin("POST", "/api/accounts/" + id + "/media/index");
            }
            Eventually.await(
                    Duration.ofMinutes(5),
                    "the libraries indexed",
                    () -> system.infra
                                    .jdbc("scheduler")
                                    .sql(
                                            "select count(*) from media_items where account_id like 'soak-%' and valid and active")
                                    .query(Integer.class)
                                    .single()
                            == perAccount * ACCOUNTS);

            system.graph.injectFaults(RATE, Duration.ofSeconds(3), SEED);
            system.telegram.injectSendFaults(RATE, SEED);
            Random dice = new Random(SEED);
            int waves = (POSTS + WAVE - 1) / WAVE;
            List<String> kills = new ArrayList<>();
            for (int wave = 0; wave < waves; wave++) {
                long waveStart = System.nanoTime();
                List<UUID> posts = slotsDueNow(wave * WAVE, Math.min(WAVE, POSTS - wave * WAVE));
                sleep(Duration.ofSeconds(2)); // posts in flight
                String victim = SERVICES.get(dice.nextInt(SERVICES.size()));
                system.kill(victim);
                kills.add(victim);
                system.start(victim);
                if (wave == waves / 2) {
                    TestInfrastructure.get().restartBroker(Duration.ofSeconds(2));
                }
                awaitEveryPostEnded(posts);
                System.out.printf(
                        "soak wave %d/%d: %d posts ended in %.0f s (killed %s%s), load %s%n",
                        wave + 1,
                        waves,
                        posts.size(),
                        (System.nanoTime() - waveStart) / 1e9,
                        victim,
                        wave == waves / 2 ? ", broker restarted" : "",
                        Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
            }
            system.graph.injectFaults(0, Duration.ZERO, 0);
            system.telegram.injectSendFaults(0, 0);
            assertThat(system.services()).allSatisfy(s -> s.awaitReady(Duration.ofSeconds(60)));
            assertInvariant();
            String summary = String.format(
                    java.util.Locale.ROOT,
                    "soak: %d posts over %d accounts, seed %d, %.0f%% faults: "
                            + "%d Graph faults and %d Bot API faults injected, %d kill -9 (%s), 1 broker restart; "
                            + "%d published by the API, %d resolved by hand, 0 lost, 0 twice; %.0f s",
                    allPosts.size(),
                    ACCOUNTS,
                    SEED,
                    RATE * 100,
                    system.graph.injectedFaults(),
                    system.telegram.injectedFaults(),
                    kills.size(),
                    String.join(" ", kills),
                    promise.count(allPosts, "PUBLISHED"),
                    promise.count(allPosts, "RESOLVED"),
                    (System.nanoTime() - started) / 1e9);
            System.out.println(summary);
            Files.writeString(Path.of("target", "soak-summary.txt"), summary + System.lineSeparator());
        } finally {
            system.close();
        }
    }

    /** {@code n} slots due now, round-robin over the accounts (each a millisecond apart: unique per account). */
    private List<UUID> slotsDueNow(int first, int n) {
        List<UUID> posts = system.infra
                .jdbc("scheduler")
                .sql("""
                        insert into slots (id, account_id, slot_at, status)
                        select gen_random_uuid(), 'soak-' || lpad((g % :accounts)::text, 3, '0'),
                               now() + ((g - :first) * interval '1 millisecond'), 'PLANNED'
                        from generate_series(:first, :first + :n - 1) g
                        returning id
                        """)
                .param("accounts", ACCOUNTS)
                .param("first", first)
                .param("n", n)
                .query(UUID.class)
                .list();
        allPosts.addAll(posts);
        return posts;
    }

    /** {@code perAccount} distinct images in a hidden folder (never indexed itself). */
    private List<Path> images(int perAccount) {
        List<Path> images = new ArrayList<>();
        for (int i = 0; i < perAccount; i++) {
            images.add(
                    system.storyImage(".shared/s" + i + ".jpg", Color.getHSBColor(i / (float) perAccount, 0.7f, 0.9f)));
        }
        return images;
    }

    private static String account(int a) {
        return String.format("soak-%03d", a);
    }

    /** Waits until every post of the wave is PUBLISHED or RESOLVED, tapping Posted on manual messages meanwhile. */
    private void awaitEveryPostEnded(List<UUID> posts) {
        Eventually.await(
                WAVE_TIMEOUT, "every post of the wave published or resolved by hand", () -> promise.ended(posts));
    }

    private void assertInvariant() {
        promise.assertHeld(allPosts);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
