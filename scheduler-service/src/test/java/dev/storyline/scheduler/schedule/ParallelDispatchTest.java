package dev.storyline.scheduler.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storyline.scheduler.MediaLibrary;
import dev.storyline.scheduler.SchedulerTest;
import dev.storyline.scheduler.Slots;
import dev.storyline.scheduler.accounts.Account;
import dev.storyline.scheduler.accounts.Accounts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What dispatching with several threads (and several scheduler instances) must not break: every slot
 * goes out once, one account's slots never share a medium, one bad slot holds back nobody, and a
 * dispatch undone half-way (a crash) is simply done again. Small batches, so every drain is many.
 */
@SchedulerTest(
        properties = {
            SchedulerTest.API_ON,
            SchedulerTest.INSTAGRAM_USER,
            SchedulerTest.DRY_RUN,
            "storyline.scheduler.dispatch-threads=4",
            "storyline.scheduler.dispatch-batch=3"
        })
class ParallelDispatchTest {

    @DynamicPropertySource
    static void mediaRoot(DynamicPropertyRegistry registry) {
        registry.add("storyline.scheduler.media-root", MediaLibrary.newRoot()::toString);
    }

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Accounts accounts;

    @Autowired
    Dispatcher dispatcher;

    @Autowired
    ParallelDispatch parallel;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    DueSlots dueSlots;

    private int seed;

    @BeforeEach
    void cleanSlate() {
        jdbc.sql("delete from outbox").update();
        jdbc.sql("delete from media_locks").update();
        jdbc.sql("delete from posting_history").update();
        jdbc.sql("delete from slots").update();
        jdbc.sql("delete from media_items").update();
        for (int i = 1; i <= 6; i++) {
            accounts.upsert(account("acct-" + i));
        }
    }

    @Test
    void accounts_dispatched_at_once_each_get_their_own_media_and_every_slot_goes_out_once() {
        for (int i = 1; i <= 6; i++) {
            media("acct-" + i, 8);
            dueSlots("acct-" + i, 8);
        }

        assertThat(parallel.drain()).isEqualTo(48);

        assertThat(count("select count(*) from slots where status = 'DISPATCHED'"))
                .isEqualTo(48);
        assertThat(count("select count(distinct post_id) from outbox where event_type = 'PostRequested'"))
                .isEqualTo(48);
        assertThat(count("select count(*) from outbox where event_type = 'PostRequested'"))
                .isEqualTo(48);
        assertThat(count("select count(distinct media_id) from slots where media_id is not null"))
                .as("no medium twice")
                .isEqualTo(48);
        assertThat(count("""
                        select count(*) from slots s join media_items m on m.id = s.media_id
                        where m.account_id <> s.account_id
                        """)).as("a slot carries a medium of another account").isZero();
        assertThat(parallel.drain()).as("nothing is left to dispatch").isZero();
    }

    @Test
    void one_accounts_slots_never_get_the_same_medium_across_threads_and_instances() throws Exception {
        media("acct-1", 12);
        dueSlots("acct-1", 16);

        // two scheduler instances (each draining with its threads) and two stray single batches, all at once
        CyclicBarrier start = new CyclicBarrier(4);
        ExecutorService instances = Executors.newFixedThreadPool(4);
        List<Future<Integer>> runs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            boolean wholeInstance = i < 2;
            runs.add(instances.submit(() -> {
                start.await();
                return wholeInstance ? parallel.drain() : dispatcher.dispatchDue();
            }));
        }
        int handled = 0;
        for (Future<Integer> run : runs) {
            handled += run.get(60, TimeUnit.SECONDS);
        }
        instances.shutdown();
        // a stray batch does not loop, and the drains that found the account taken left it to it: next ticks
        for (int batch; (batch = parallel.drain()) > 0; ) {
            handled += batch;
        }

        assertThat(handled).isEqualTo(16);
        assertThat(count("select count(*) from slots where status = 'DISPATCHED'"))
                .isEqualTo(12);
        assertThat(count("select count(distinct media_id) from slots where status = 'DISPATCHED'"))
                .isEqualTo(12);
        assertThat(count("select count(*) from slots where status = 'EMPTY'"))
                .as("more slots than media: the rest are left empty, not doubled up")
                .isEqualTo(4);
        assertThat(count("select count(*) from outbox where event_type = 'PostRequested'"))
                .isEqualTo(12);
    }

    @Test
    void a_slot_whose_medium_cannot_be_sent_fails_alone_while_the_other_threads_go_on() {
        UUID poison = medium("acct-1", "memes/../escape.jpg");
        media("acct-1", 3);
        UUID poisoned = dueSlot("acct-1", Instant.now().minusSeconds(30));
        dueSlots("acct-1", 3);
        for (int i = 2; i <= 6; i++) {
            media("acct-" + i, 4);
            dueSlots("acct-" + i, 4);
        }

        parallel.drain();

        assertThat(status(poisoned)).isEqualTo("FAILED");
        assertThat(jdbc.sql("select valid from media_items where id = :id")
                        .param("id", poison)
                        .query(Boolean.class)
                        .single())
                .isFalse();
        assertThat(count("select count(*) from slots where status = 'DISPATCHED'"))
                .as("the poisoned account's other slots and every other account's")
                .isEqualTo(3 + 5 * 4);
        assertThat(count("select count(*) from outbox where event_type = 'AdminAlert'"))
                .isEqualTo(1);
    }

    @Test
    void a_batch_takes_the_locks_of_only_the_few_accounts_it_serves() {
        for (int i = 1; i <= 6; i++) {
            media("acct-" + i, 1);
            dueSlots("acct-" + i, 1);
        }

        transactions.executeWithoutResult(batch -> {
            assertThat(dueSlots.lockAccounts()).hasSize(DueSlots.ACCOUNTS_PER_BATCH);
            assertThat(count("""
                            select count(*) from pg_locks
                            where locktype = 'advisory' and pid = pg_backend_pid() and granted
                            """))
                    .as("accounts locked but not served would stall the other threads")
                    .isEqualTo(DueSlots.ACCOUNTS_PER_BATCH);
        });
    }

    @Test
    void an_account_another_instance_is_dispatching_is_left_to_it_without_holding_up_the_rest() {
        media("acct-1", 2);
        UUID held = dueSlot("acct-1", Instant.now().minusSeconds(5));
        media("acct-2", 2);
        UUID free = dueSlot("acct-2", Instant.now().minusSeconds(5));

        // the other instance holds acct-1's lock for the length of its transaction
        transactions.executeWithoutResult(other -> {
            jdbc.sql("select pg_advisory_xact_lock(hashtext('acct-1'))")
                    .query(Object.class)
                    .list();
            Thread drain = Thread.ofPlatform().start(parallel::drain);
            try {
                drain.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            assertThat(drain.isAlive()).as("the drain waited on the lock").isFalse();
        });

        assertThat(status(free)).isEqualTo("DISPATCHED");
        assertThat(status(held)).isEqualTo("PLANNED");
        parallel.drain();
        assertThat(status(held)).as("dispatched once the lock is free").isEqualTo("DISPATCHED");
    }

    @Test
    void a_dispatch_undone_by_a_crash_is_done_again_once_and_a_restart_dispatches_nothing_twice() {
        media("acct-1", 4);
        List<UUID> slots = dueSlots("acct-1", 4);

        // the process dies before the commit: the claims, media choices and events roll back together
        transactions.executeWithoutResult(crashing -> {
            assertThat(dispatcher.dispatchDue()).isEqualTo(3);
            crashing.setRollbackOnly();
        });
        assertThat(count("select count(*) from slots where status = 'PLANNED'")).isEqualTo(4);
        assertThat(count("select count(*) from outbox")).isZero();

        assertThat(parallel.drain()).isEqualTo(4);
        assertThat(parallel.drain()).as("a restart finds nothing due").isZero();

        for (UUID slot : slots) {
            assertThat(status(slot)).isEqualTo("DISPATCHED");
            assertThat(jdbc.sql("select count(*) from outbox where event_type = 'PostRequested' and post_id = :id")
                            .param("id", slot)
                            .query(Integer.class)
                            .single())
                    .isEqualTo(1);
        }
    }

    private static Account account(String id) {
        return new Account(
                id, id, "1784140000" + id.length(), true, true, true, false, id, 6, 9, 21, "UTC", 0, null, null);
    }

    private void media(String account, int count) {
        for (int i = 0; i < count; i++) {
            medium(account, "memes/" + account + "-" + i + ".jpg");
        }
    }

    /** A library row written directly: the dispatcher never opens the file, and a bad path stands for any failure. */
    private UUID medium(String account, String path) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        insert into media_items (id, account_id, path, category, sha256, mime_type, size_bytes, valid)
                        values (:id, :account, :path, 'memes', :sha, 'image/jpeg', 1000, true)
                        """)
                .param("id", id)
                .param("account", account)
                .param("path", path)
                .param("sha", HexFormat.of().formatHex(new byte[28]) + String.format("%08x", ++seed))
                .update();
        return id;
    }

    private List<UUID> dueSlots(String account, int count) {
        List<UUID> ids = new ArrayList<>();
        Instant at = Instant.now().minusSeconds(10);
        for (int i = 0; i < count; i++) {
            ids.add(dueSlot(account, at.plusMillis(i)));
        }
        return ids;
    }

    private UUID dueSlot(String account, Instant at) {
        return new Slots(jdbc).planned(account, at);
    }

    private int count(String sql) {
        return jdbc.sql(sql).query(Integer.class).single();
    }

    private String status(UUID slot) {
        return new Slots(jdbc).status(slot);
    }
}
