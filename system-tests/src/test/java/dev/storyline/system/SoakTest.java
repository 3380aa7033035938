package dev.storyline.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storyline.telegram.manual.CallbackData;
import dev.storyline.testkit.Eventually;
import dev.storyline.testkit.TestInfrastructure;
import dev.storyline.testkit.fakes.FakeBotApi;
import java.awt.Color;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
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
    private final Map<UUID, Long> lastTap = new HashMap<>();

    @Test
    void every_post_is_published_once_or_resolved_by_hand_through_faults_kills_and_a_broker_restart() throws Exception {
        long started = System.nanoTime();
        int perAccount = (POSTS + ACCOUNTS - 1) / ACCOUNTS;
        system = new StorylineSystem("soak").withWireFakes();
        try {
            system.start(SERVICES.toArray(String[]::new));
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
                    count("PUBLISHED"),
                    count("RESOLVED"),
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

    /** Waits until every post is PUBLISHED or RESOLVED, tapping Posted on manual messages meanwhile. */
    private void awaitEveryPostEnded(List<UUID> posts) {
        Eventually.await(WAVE_TIMEOUT, "every post of the wave published or resolved by hand", () -> {
            Map<UUID, String> statuses;
            try {
                statuses = statuses(posts);
            } catch (RuntimeException e) {
                return false;
            }
            boolean allEnded = true;
            for (UUID post : posts) {
                String status = statuses.get(post);
                if ("MANUAL_PENDING".equals(status) || "DISPATCHED".equals(status)) {
                    List<FakeBotApi.Call> messages = messagesFor(post);
                    // a person taps Posted, and again if nothing seems to happen; each copy of a message is tapped
                    long now = System.nanoTime();
                    Long previous = lastTap.get(post);
                    if (!messages.isEmpty()
                            && (previous == null
                                    || now - previous > Duration.ofSeconds(5).toNanos())) {
                        lastTap.put(post, now);
                        for (FakeBotApi.Call message : messages) {
                            system.telegram.tap(
                                    StorylineSystem.MEMBER_USER,
                                    "mia",
                                    new CallbackData(CallbackData.Action.POSTED, post).encode(),
                                    message);
                        }
                    }
                }
                allEnded &= "PUBLISHED".equals(status) || "RESOLVED".equals(status);
            }
            return allEnded;
        });
    }

    private void assertInvariant() {
        Map<UUID, String> statuses = statuses(allPosts);
        assertThat(statuses)
                .as("every post ended (none lost)")
                .hasSize(allPosts.size())
                .allSatisfy(
                        (post, status) -> assertThat(status).as("post %s", post).isIn("PUBLISHED", "RESOLVED"));
        List<String> history = system.infra
                .jdbc("scheduler")
                .sql("select post_id::text from posting_history where account_id like 'soak-%'")
                .query(String.class)
                .list();
        assertThat(history)
                .as("one history entry per post")
                .doesNotHaveDuplicates()
                .hasSize(allPosts.size());
        assertThat(system.graph.publishedStories())
                .as("stories live at Meta (none twice)")
                .isEqualTo(count("PUBLISHED"));
        for (UUID post : allPosts) {
            List<FakeBotApi.Call> messages = messagesFor(post);
            assertThat(messages)
                    .as("Telegram messages for post %s", post)
                    .hasSizeLessThanOrEqualTo(Math.max(1, claims(post)));
            if ("PUBLISHED".equals(statuses.get(post))) {
                assertThat(messages)
                        .as("post %s was published by the API and sent to Telegram", post)
                        .isEmpty();
            }
        }
    }

    private Map<UUID, String> statuses(List<UUID> posts) {
        Map<UUID, String> statuses = new HashMap<>();
        system.infra
                .jdbc("scheduler")
                .sql("select id, status from slots where id in (:ids)")
                .param("ids", posts)
                .query((rs, i) -> statuses.put(rs.getObject(1, UUID.class), rs.getString(2)))
                .list();
        return statuses;
    }

    private List<FakeBotApi.Call> messagesFor(UUID post) {
        // only successful sends count: an injected 5xx or 429 is a failed attempt, not a message
        return system.telegram.messagesWith(new CallbackData(CallbackData.Action.POSTED, post).encode()).stream()
                .filter(c -> !c.failed())
                .toList();
    }

    private int claims(UUID post) {
        return system.infra
                .jdbc("telegram")
                .sql("select claims from manual_posts where post_id = :p")
                .param("p", post)
                .query(Integer.class)
                .optional()
                .orElse(0);
    }

    private long count(String status) {
        return statuses(allPosts).values().stream().filter(status::equals).count();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
