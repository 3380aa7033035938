package dev.storyline.system;

import com.fasterxml.jackson.databind.JsonNode;
import dev.storyline.testkit.Eventually;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Burst benchmark, run by bench/burst.sh (never in the normal test run): {@code bench.posts} posts over
 * {@code bench.accounts} accounts whose slots all fall due at the same instant, through the whole chain
 * (scheduler → upload-worker → instagram-worker, dry-run: the instant fake of Meta, no rate limit), once
 * per entry of {@code bench.replicas} (default "1,3": one, then three instances each of upload-worker and
 * instagram-worker; scheduler, telegram-worker and token-worker run once). Each round runs in a fresh
 * database and vhost and writes {@code target/burst-<replicas>.properties} for the script to combine with
 * the broker's and the database's own limits.
 *
 * <p>Figures: drain time (first slot due → last history row), dispatch time (first slot due → last slot
 * dispatched: the scheduler's own rate), slot lateness (dispatched_at − slot_at),
 * end-to-end latency (posting_history.recorded_at − slot_at), CPU seconds of the service processes,
 * PostgreSQL commits ({@code pg_stat_database.xact_commit} of the round's database, which holds every
 * service's schema; the idle rate of the same system, measured before the burst, is reported apart),
 * transactions per service (Hikari connection checkouts: one per transaction or auto-committed
 * statement) and rows written per schema, RabbitMQ publishes and deliveries in the round's vhost.
 */
@EnabledIfSystemProperty(named = "storyline.burst", matches = "true")
class BurstBenchmark {

    private static final int POSTS = Integer.getInteger("bench.posts", 10_000);
    private static final int ACCOUNTS = Integer.getInteger("bench.accounts", 100);
    private static final String REPLICAS = System.getProperty("bench.replicas", "1,3");
    private static final Duration IDLE_WINDOW = Duration.ofSeconds(Integer.getInteger("bench.idle.seconds", 20));
    /** Statistics reach pg_stat_* and the management API this long after the fact (idle backends, sampling). */
    private static final Duration STATS_SETTLE = Duration.ofSeconds(12);

    private static final List<String> WORKERS = List.of("upload-worker", "instagram-worker");
    private static final List<String> ONCE = List.of("scheduler-service", "telegram-worker", "token-worker");

    @Test
    void a_burst_of_slots_due_at_once_drains_through_one_and_three_replicas() throws Exception {
        for (String replicas : REPLICAS.split(",")) {
            round(Integer.parseInt(replicas.strip()));
        }
    }

    private void round(int replicas) throws Exception {
        int perAccount = (POSTS + ACCOUNTS - 1) / ACCOUNTS;
        int posts = perAccount * ACCOUNTS;
        try (StorylineSystem system = new StorylineSystem("bench_burst_" + replicas)) {
            List<String> all = new ArrayList<>(ONCE);
            all.addAll(WORKERS);
            system.start(all.toArray(String[]::new));
            for (String worker : WORKERS) {
                for (int r = 2; r <= replicas; r++) {
                    system.startReplica(worker, r);
                }
            }
            List<Path> images = images(system.mediaRoot, perAccount);
            for (int a = 0; a < ACCOUNTS; a++) {
                String id = account(a);
                // the folder is made with the account, so the env account's scans of the root never take it
                system.admin(
                        "POST",
                        "/api/accounts",
                        Map.of(
                                "id",
                                id,
                                "apiEnabled",
                                true,
                                "dryRun",
                                true,
                                "createFolder",
                                true,
                                "mediaSubdir",
                                id,
                                "postsPerDay",
                                0,
                                "instagramUserId",
                                "178414" + String.format("%011d", a)));
                link(images, system.mediaRoot.resolve(id).resolve("memes"));
                system.admin("POST", "/api/accounts/" + id + "/media/index");
            }
            Eventually.await(
                    Duration.ofSeconds(600),
                    "every account's library indexed",
                    () -> system.infra
                                    .jdbc("scheduler")
                                    .sql(
                                            "select count(*) from media_items where account_id like 'burst-%' and valid and active")
                                    .query(Integer.class)
                                    .single()
                            == posts);

            // the idle rate of the same system: background polling commits too, with or without posts
            sleep(STATS_SETTLE);
            Snapshot idle0 = Snapshot.take(system);
            sleep(IDLE_WINDOW);
            sleep(STATS_SETTLE);
            Snapshot idle1 = Snapshot.take(system);
            double idleSeconds = (idle1.nanos - idle0.nanos) / 1e9;
            double idleCommitsPerSecond = (idle1.commits - idle0.commits) / idleSeconds;

            Snapshot before = Snapshot.take(system);
            double[] machineBefore = machineCpu();
            Map<String, Double> serversBefore = serverCpu();
            // every slot due at one instant, 3 s from now (each account's slots a millisecond apart: slots are
            // unique per account and instant), so the burst starts with all of them waiting
            system.infra.jdbc("scheduler").sql("""
                            insert into slots (id, account_id, slot_at, status)
                            select gen_random_uuid(), a.id, date_trunc('second', now()) + interval '3 seconds'
                                   + (g * interval '1 millisecond'), 'PLANNED'
                            from accounts a, generate_series(0, :per - 1) g
                            where a.id like 'burst-%'
                            """).param("per", perAccount).update();
            Duration timeout = Duration.ofSeconds(Math.max(900, posts / 4));
            Eventually.await(
                    timeout,
                    posts + " posts in the history",
                    () -> system.infra
                                    .jdbc("scheduler")
                                    .sql("select count(*) from posting_history where account_id like 'burst-%'")
                                    .query(Integer.class)
                                    .single()
                            == posts);
            long drainedAt = System.nanoTime();
            Map<String, Double> cpuAtDrain = cpuByModule(system);
            double[] machineAtDrain = machineCpu();
            Map<String, Double> serversAtDrain = serverCpu();
            sleep(STATS_SETTLE);
            Snapshot after = Snapshot.take(system);

            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("replicas", replicas);
            figures.put("posts", posts);
            figures.put("accounts", ACCOUNTS);
            figures.put("load", Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
            Map<String, Object> timing =
                    system.infra.jdbc("scheduler").sql("""
                            select extract(epoch from max(h.recorded_at) - min(s.slot_at)) as drain,
                                   percentile_cont(0.5) within group (order by extract(epoch from s.dispatched_at - s.slot_at)) as late_p50,
                                   percentile_cont(0.99) within group (order by extract(epoch from s.dispatched_at - s.slot_at)) as late_p99,
                                   max(extract(epoch from s.dispatched_at - s.slot_at)) as late_max,
                                   extract(epoch from max(s.dispatched_at) - min(s.slot_at)) as dispatch,
                                   percentile_cont(0.5) within group (order by extract(epoch from h.recorded_at - s.slot_at)) as e2e_p50,
                                   percentile_cont(0.99) within group (order by extract(epoch from h.recorded_at - s.slot_at)) as e2e_p99,
                                   max(extract(epoch from h.recorded_at - s.slot_at)) as e2e_max,
                                   count(*) filter (where s.status <> 'PUBLISHED') as not_published
                            from slots s join posting_history h on h.post_id = s.id
                            where s.account_id like 'burst-%'
                            """).query().singleRow();
            double drain = ((Number) timing.get("drain")).doubleValue();
            figures.put("drain_s", fmt(drain));
            figures.put("posts_per_s", fmt(posts / drain));
            // the scheduler's own rate: first slot due → last slot dispatched
            double dispatch = ((Number) timing.get("dispatch")).doubleValue();
            figures.put("dispatch_s", fmt(dispatch));
            figures.put("dispatched_per_s", fmt(posts / dispatch));
            for (String key : List.of("late_p50", "late_p99", "late_max", "e2e_p50", "e2e_p99", "e2e_max")) {
                figures.put(key + "_s", fmt(((Number) timing.get(key)).doubleValue()));
            }
            figures.put("not_published", timing.get("not_published"));
            double cpu = cpuAtDrain.values().stream()
                            .mapToDouble(Double::doubleValue)
                            .sum()
                    - before.cpu.values().stream()
                            .mapToDouble(Double::doubleValue)
                            .sum();
            figures.put("cpu_s", fmt(cpu));
            figures.put("cpu_ms_per_post", fmt(cpu * 1000 / posts));
            cpuAtDrain.forEach((module, seconds) ->
                    figures.put("cpu_s." + module, fmt(seconds - before.cpu.getOrDefault(module, 0.0))));
            // the whole machine (services, PostgreSQL, RabbitMQ, this harness): what a post costs in CPU,
            // and the rate at which it would take every core
            double machineBusy = machineAtDrain[0] - machineBefore[0];
            double machineTotal = machineAtDrain[1] - machineBefore[1];
            int cores = Runtime.getRuntime().availableProcessors();
            figures.put("machine_busy_percent", fmt(100 * machineBusy / machineTotal));
            figures.put("machine_cpu_ms_per_post", fmt(machineBusy * 1000 / posts));
            figures.put("cpu_bound_posts_per_s", fmt(cores * posts / machineBusy));
            serversAtDrain.forEach((server, seconds) -> figures.put(
                    "server_cpu_ms_per_post." + server,
                    fmt((seconds - serversBefore.getOrDefault(server, 0.0)) * 1000 / posts)));
            long commits = after.commits - before.commits;
            double burstSeconds = (after.nanos - before.nanos) / 1e9;
            figures.put("commits", commits);
            figures.put("commits_per_post", fmt(commits / (double) posts));
            figures.put("idle_commits_per_s", fmt(idleCommitsPerSecond));
            figures.put("commits_per_post_net_of_idle", fmt((commits - idleCommitsPerSecond * burstSeconds) / posts));
            after.transactions.forEach((module, n) -> figures.put(
                    "tx_per_post." + module, fmt((n - before.transactions.getOrDefault(module, 0.0)) / posts)));
            after.rowWrites.forEach((schema, n) -> figures.put(
                    "row_writes_per_post." + schema,
                    fmt((n - before.rowWrites.getOrDefault(schema, 0L)) / (double) posts)));
            figures.put("publishes_per_post", fmt((after.publishes - before.publishes) / (double) posts));
            figures.put("deliveries_per_post", fmt((after.deliveries - before.deliveries) / (double) posts));
            figures.put("measured_s", fmt(burstSeconds));
            figures.put("settle_s", fmt((after.nanos - drainedAt) / 1e9));
            report(replicas, figures);
        }
    }

    /** {@code perAccount} distinct images in a hidden folder (never indexed itself). */
    private static List<Path> images(Path mediaRoot, int perAccount) throws IOException {
        Files.createDirectories(mediaRoot.resolve(".shared"));
        List<Path> images = new ArrayList<>();
        for (int i = 0; i < perAccount; i++) {
            images.add(writeImage(
                    mediaRoot,
                    Path.of(".shared", "s" + i + ".jpg"),
                    Color.getHSBColor(i / (float) perAccount, 0.8f, 0.9f)));
        }
        return images;
    }

    /** Hard links of the images into an account's category folder: each account indexes and posts them as its own. */
    static void link(List<Path> images, Path folder) throws IOException {
        Files.createDirectories(folder);
        for (Path image : images) {
            Files.createLink(folder.resolve(image.getFileName()), image);
        }
    }

    private static Path writeImage(Path mediaRoot, Path relative, Color color) throws IOException {
        Path file = mediaRoot.resolve(relative);
        java.awt.image.BufferedImage image =
                new java.awt.image.BufferedImage(540, 960, java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = image.createGraphics();
        g.setColor(color);
        g.fillRect(0, 0, 540, 960);
        g.dispose();
        javax.imageio.ImageIO.write(image, "jpg", file.toFile());
        return file;
    }

    private static String account(int a) {
        return String.format("burst-%04d", a);
    }

    /** Busy and total CPU seconds of the whole machine since boot, all cores summed ({@code /proc/stat}). */
    private static double[] machineCpu() throws IOException {
        String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        // user nice system idle iowait irq softirq steal, in clock ticks (100 a second)
        long busy = Long.parseLong(f[1])
                + Long.parseLong(f[2])
                + Long.parseLong(f[3])
                + Long.parseLong(f[6])
                + Long.parseLong(f[7])
                + Long.parseLong(f[8]);
        long total = busy + Long.parseLong(f[4]) + Long.parseLong(f[5]);
        return new double[] {busy / 100.0, total / 100.0};
    }

    /**
     * CPU seconds of the servers on this machine, by program: every PostgreSQL process (with the backends the
     * postmaster has already reaped) and RabbitMQ's Erlang VM. Zero where they run elsewhere.
     */
    private static Map<String, Double> serverCpu() throws IOException {
        Map<String, Double> seconds = new TreeMap<>();
        try (var processes = Files.list(Path.of("/proc"))) {
            for (Path dir : processes
                    .filter(d -> d.getFileName().toString().matches("\\d+"))
                    .toList()) {
                String stat;
                try {
                    stat = Files.readString(dir.resolve("stat"));
                } catch (IOException gone) {
                    continue;
                }
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                String server = name.equals("postgres") ? "postgresql" : name.equals("beam.smp") ? "rabbitmq" : null;
                if (server == null) {
                    continue;
                }
                // after the name: state is field 3, utime..cstime are fields 14..17
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                long ticks =
                        Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]);
                seconds.merge(server, ticks / 100.0, Double::sum);
            }
        }
        return seconds;
    }

    /** CPU seconds per module (replicas summed). */
    private static Map<String, Double> cpuByModule(StorylineSystem system) {
        Map<String, Double> cpu = new TreeMap<>();
        for (ServiceProcess process : system.services()) {
            cpu.merge(process.module(), process.cpuSeconds(), Double::sum);
        }
        return cpu;
    }

    /** The counters at one moment. */
    private record Snapshot(
            long nanos,
            long commits,
            Map<String, Double> transactions,
            Map<String, Long> rowWrites,
            Map<String, Double> cpu,
            long publishes,
            long deliveries) {

        static Snapshot take(StorylineSystem system) throws Exception {
            String database =
                    system.infra.jdbcUrl().substring(system.infra.jdbcUrl().lastIndexOf('/') + 1);
            long commits = system.infra
                    .jdbc("public")
                    .sql("select xact_commit from pg_stat_database where datname = :d")
                    .param("d", database)
                    .query(Long.class)
                    .single();
            Map<String, Long> rowWrites = new TreeMap<>();
            system.infra
                    .jdbc("public")
                    .sql("""
                            select schemaname, sum(n_tup_ins + n_tup_upd + n_tup_del)::bigint as n
                            from pg_stat_user_tables group by schemaname
                            """)
                    .query((rs, i) -> rowWrites.put(rs.getString(1), rs.getLong(2)))
                    .list();
            Map<String, Double> transactions = new TreeMap<>();
            for (ServiceProcess process : system.services()) {
                transactions.merge(process.module(), connectionCheckouts(process), Double::sum);
            }
            JsonNode stats = StorylineSystem.json(system.infra
                            .management()
                            .get("/api/vhosts/" + URLEncoder.encode(system.infra.vhost(), StandardCharsets.UTF_8)))
                    .path("message_stats");
            return new Snapshot(
                    System.nanoTime(),
                    commits,
                    transactions,
                    rowWrites,
                    cpuByModule(system),
                    stats.path("publish").asLong(),
                    stats.path("deliver_get").asLong());
        }

        private static double connectionCheckouts(ServiceProcess process) throws Exception {
            var response = StorylineSystem.get(
                    process.managementUrl().resolve("/actuator/metrics/hikaricp.connections.usage"));
            if (response.statusCode() != 200) {
                return 0;
            }
            for (JsonNode measurement : StorylineSystem.json(response.body()).path("measurements")) {
                if ("COUNT".equals(measurement.path("statistic").asText())) {
                    return measurement.path("value").asDouble();
                }
            }
            return 0;
        }
    }

    private static String fmt(double value) {
        return String.format(java.util.Locale.ROOT, "%.3f", value);
    }

    private static void report(int replicas, Map<String, Object> figures) throws IOException {
        StringBuilder properties = new StringBuilder();
        figures.forEach(
                (key, value) -> properties.append(key).append('=').append(value).append('\n'));
        Files.writeString(Path.of("target", "burst-" + replicas + ".properties"), properties);
        System.err.println("BENCHMARK burst, " + replicas + " replica(s): " + figures);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException("interrupted"));
        }
    }
}
