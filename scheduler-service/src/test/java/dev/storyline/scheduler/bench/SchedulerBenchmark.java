package dev.storyline.scheduler.bench;

import dev.storyline.scheduler.SchedulerTest;
import dev.storyline.scheduler.accounts.Account;
import dev.storyline.scheduler.accounts.Accounts;
import dev.storyline.scheduler.schedule.ParallelDispatch;
import dev.storyline.scheduler.schedule.SlotPlanner;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Scheduler benchmarks, run by bench/scheduler.sh (never in the normal test run):
 * planning 30 days for 1,000 accounts over a 1,000,000-item library, and dispatch lateness for
 * 1,000 slots due within one minute with the production dispatch interval.
 */
@EnabledIfSystemProperty(named = "storyline.benchmark", matches = "true")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@SchedulerTest
class SchedulerBenchmark {

    private static final int ACCOUNTS = Integer.getInteger("bench.accounts", 1000);
    private static final int ITEMS = Integer.getInteger("bench.items", 1_000_000);
    private static final int DAYS = Integer.getInteger("bench.days", 30);
    private static final int DUE_SLOTS = Integer.getInteger("bench.slots", 1000);

    @DynamicPropertySource
    static void mediaRoot(DynamicPropertyRegistry registry) throws Exception {
        String root = Files.createTempDirectory("bench-media").toString();
        registry.add("storyline.scheduler.media-root", () -> root);
    }

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Accounts accounts;

    @Autowired
    SlotPlanner planner;

    @Autowired
    ParallelDispatch dispatch;

    @Test
    @Order(1)
    void plans_30_days_for_1000_accounts_over_a_million_items() {
        long t0 = System.nanoTime();
        jdbc.sql("""
                        insert into accounts (id, display_name, api_enabled, posts_per_day, window_start_hour, window_end_hour, timezone)
                        select 'acct-' || g, 'acct-' || g, true, 6, 9, 21,
                               (array['UTC','Europe/Berlin','America/New_York','Asia/Tokyo'])[1 + g % 4]
                        from generate_series(1, :n) g
                        """).param("n", ACCOUNTS).update();
        // seeded in chunks: each statement stays under the pool's 30 s statement timeout
        for (int from = 1; from <= ITEMS; from += 100_000) {
            jdbc.sql("""
                            insert into media_items (id, account_id, path, category, sha256, mime_type, size_bytes, valid)
                            select gen_random_uuid(), 'acct-' || (1 + g % :accounts), 'c' || (g % 5) || '/f' || g || '.jpg',
                                   'c' || (g % 5), encode(sha256(int8send(g)), 'hex'), 'image/jpeg', 100000, true
                            from generate_series(:from, :to) g
                            """)
                    .param("accounts", ACCOUNTS)
                    .param("from", from)
                    .param("to", Math.min(ITEMS, from + 99_999))
                    .update();
        }
        jdbc.sql("analyze").update();
        long seeded = System.nanoTime();
        resetPeakHeap();
        int created = 0;
        for (Account account : accounts.all()) {
            if (account.id().startsWith("acct-")) {
                created += planner.planAhead(account, DAYS);
            }
        }
        long planned = System.nanoTime();
        report(
                "planning",
                String.format(
                        "accounts=%d items=%d days=%d slots=%d seed=%.1fs plan=%.1fs (%.0f slots/s) peakHeapMB=%d",
                        ACCOUNTS,
                        ITEMS,
                        DAYS,
                        created,
                        (seeded - t0) / 1e9,
                        (planned - seeded) / 1e9,
                        created / ((planned - seeded) / 1e9),
                        peakHeapMb()));
    }

    @Test
    @Order(2)
    void dispatch_lateness_for_1000_slots_due_within_a_minute() throws Exception {
        jdbc.sql(
                        "update accounts set paused = true where id like 'acct-%' and id not in (select 'acct-' || g from generate_series(1, 100) g)")
                .update();
        jdbc.sql("delete from slots where status = 'PLANNED'").update();
        jdbc.sql("""
                        insert into slots (id, account_id, slot_at, status)
                        select gen_random_uuid(), 'acct-' || (1 + g % 100),
                               date_trunc('milliseconds', now()) + interval '5 seconds' + (g * interval '60 milliseconds'), 'PLANNED'
                        from generate_series(0, :n - 1) g
                        """).param("n", DUE_SLOTS).update();
        // the production loop: dispatch every 500 ms, draining everything due
        ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor();
        loop.scheduleWithFixedDelay(dispatch::drain, 0, 500, TimeUnit.MILLISECONDS);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline
                && jdbc.sql("select count(*) from slots where status = 'PLANNED'")
                                .query(Integer.class)
                                .single()
                        > 0) {
            Thread.sleep(500);
        }
        loop.shutdown();
        loop.awaitTermination(10, TimeUnit.SECONDS);
        List<Double> lateness = jdbc.sql("""
                        select extract(epoch from dispatched_at - slot_at)::float8 from slots
                        where status = 'DISPATCHED' order by 1
                        """).query(Double.class).list();
        report(
                "dispatch",
                String.format(
                        "slots=%d dispatched=%d latenessP50=%.3fs latenessP99=%.3fs max=%.3fs",
                        DUE_SLOTS,
                        lateness.size(),
                        percentile(lateness, 50),
                        percentile(lateness, 99),
                        lateness.isEmpty() ? Double.NaN : lateness.getLast()));
    }

    private static double percentile(List<Double> sorted, int p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    private static void resetPeakHeap() {
        System.gc();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    private static long peakHeapMb() {
        return ManagementFactory.getMemoryPoolMXBeans().stream()
                        .filter(p -> p.getType() == MemoryType.HEAP)
                        .mapToLong(p -> p.getPeakUsage().getUsed())
                        .sum()
                / (1024 * 1024);
    }

    private static void report(String name, String figures) {
        String line = "BENCHMARK " + name + ": " + figures;
        System.err.println(line);
        try {
            Files.writeString(
                    java.nio.file.Path.of("target", "benchmark-" + name + ".txt"), line + System.lineSeparator());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
