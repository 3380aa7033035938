package dev.storyline.platform.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.storyline.testkit.Eventually;
import dev.storyline.testkit.Isolated;
import dev.storyline.testkit.TestInfrastructure;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/** {@link Leases} against the real PostgreSQL, on a table shaped like the workers' ones. */
class LeasesTest {

    private static final Duration LONG = Duration.ofMinutes(1);
    private static final Duration SHORT = Duration.ofMillis(200);
    private static final Duration WAIT = Duration.ofSeconds(10);

    private static Isolated database;
    private static JdbcClient jdbc;
    private static TransactionTemplate transactions;
    private static Leases jobs;

    record Job(UUID jobId, String status, int claims, Claim claim, String outcome) {

        boolean finished() {
            return !status.equals("RUNNING");
        }
    }

    private static final RowMapper<Job> JOBS = (rs, n) -> new Job(
            rs.getObject("job_id", UUID.class),
            rs.getString("status"),
            rs.getInt("claims"),
            Leases.claimIn(rs, "job_id"),
            rs.getString("outcome"));

    @BeforeAll
    static void table() {
        database = TestInfrastructure.get().isolate(LeasesTest.class.getSimpleName());
        DriverManagerDataSource dataSource = database.dataSource();
        jdbc = JdbcClient.create(dataSource);
        transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        jdbc.sql("""
                create table jobs (
                    job_id        uuid primary key,
                    status        text not null check (status in ('RUNNING', 'DONE', 'REDO')),
                    claims        int  not null,
                    claim_id      uuid,
                    claimed_until timestamptz,
                    outcome       text,
                    updated_at    timestamptz not null default now()
                )""").update();
        jobs = Leases.on(jdbc, "jobs", "job_id").heldWhile("status", "RUNNING").touching("updated_at");
    }

    @AfterAll
    static void drop() {
        TestInfrastructure.get().release(database);
    }

    /** The workers' claim: a new row, a lapsed one (counted), or one marked to be done again (when asked). */
    private static ClaimAttempt<Job> attempt(UUID job, Duration lease, boolean redo) {
        return jobs.claiming(job)
                .insert("status, claims", "'RUNNING', 1")
                .onTakeover("status = 'RUNNING', claims = jobs.claims + 1")
                .alsoTakeOverWhen("jobs.status = 'REDO' and :redo")
                .param("redo", redo)
                .attempt(lease, JOBS, Job::finished)
                .orElseThrow();
    }

    private static Claim granted(ClaimAttempt<Job> attempt) {
        assertThat(attempt).isInstanceOf(ClaimAttempt.Granted.class);
        return ((ClaimAttempt.Granted<Job>) attempt).claim();
    }

    private static boolean finish(Claim claim, String outcome) {
        return jobs.endIfOurs(claim, "status = 'DONE', outcome = :outcome")
                        .param("outcome", outcome)
                        .update()
                == 1;
    }

    private static Job row(UUID job) {
        return jdbc.sql("select * from jobs where job_id = :j")
                .param("j", job)
                .query(JOBS)
                .single();
    }

    @Test
    void a_lapsed_claim_is_taken_over_and_the_old_holder_cannot_commit() {
        UUID job = UUID.randomUUID();
        Claim old = granted(attempt(job, SHORT, false));
        assertThat(attempt(job, LONG, false)).as("a live lease").isInstanceOf(ClaimAttempt.Busy.class);

        // the old holder stops renewing (it died, or hangs in a call); its lease lapses and the next claim takes over
        Claim successor = granted(Eventually.await(
                WAIT,
                "the lapsed claim taken over",
                () -> attempt(job, LONG, false),
                ClaimAttempt.Granted.class::isInstance));

        assertThat(successor.token()).isNotEqualTo(old.token());
        assertThat(row(job).claims())
                .as("each granted claim counts, the take-over too")
                .isEqualTo(2);
        assertThat(row(job).claim()).isEqualTo(successor);
        assertThat(jobs.renew(old, LONG))
                .as("the old holder learns it lost the claim")
                .isEmpty();
        assertThat(jobs.updateIfOurs(old, "outcome = 'old progress'").update()).isZero();
        assertThat(transactions.<Boolean>execute(status -> jobs.stillOurs(old))).isFalse();
        assertThat(finish(old, "old outcome")).isFalse();
        assertThat(jobs.release(old)).isFalse();
        assertThat(row(job).claim())
                .as("nothing the old holder did moved the row")
                .isEqualTo(successor);

        assertThat(transactions.<Boolean>execute(
                        status -> jobs.stillOurs(successor) && finish(successor, "new outcome")))
                .isTrue();
        Job done = row(job);
        assertThat(done.status()).isEqualTo("DONE");
        assertThat(done.outcome()).isEqualTo("new outcome");
        assertThat(done.claim()).as("the claim ends with the outcome").isNull();
        assertThat(attempt(job, LONG, false))
                .as("a finished row is not claimed again")
                .isInstanceOf(ClaimAttempt.Finished.class);
        assertThat(row(job).claims()).isEqualTo(2);
    }

    @Test
    void of_two_racing_claims_exactly_one_is_granted() throws Exception {
        UUID job = UUID.randomUUID();
        CyclicBarrier together = new CyclicBarrier(2);
        ExecutorService workers = Executors.newFixedThreadPool(2);
        try {
            List<Future<ClaimAttempt<Job>>> racing = List.of(
                    workers.submit(() -> {
                        together.await();
                        return attempt(job, LONG, false);
                    }),
                    workers.submit(() -> {
                        together.await();
                        return attempt(job, LONG, false);
                    }));
            List<ClaimAttempt<Job>> answers =
                    List.of(racing.get(0).get(), racing.get(1).get());
            assertThat(answers)
                    .filteredOn(ClaimAttempt.Granted.class::isInstance)
                    .hasSize(1);
            assertThat(answers).filteredOn(ClaimAttempt.Busy.class::isInstance).hasSize(1);
        } finally {
            workers.shutdownNow();
        }
        assertThat(row(job).claims()).isEqualTo(1);
    }

    @Test
    void a_renewed_lease_outlives_its_first_length_and_renewing_touches_the_row() throws Exception {
        UUID job = UUID.randomUUID();
        Claim claim = granted(attempt(job, SHORT, false));
        var touchedBefore = jdbc.sql("select updated_at from jobs where job_id = :j")
                .param("j", job)
                .query(java.sql.Timestamp.class)
                .single();

        Optional<Claim> renewed = jobs.renew(claim, LONG);

        assertThat(renewed).isPresent();
        assertThat(renewed.get().token()).isEqualTo(claim.token());
        assertThat(renewed.get().until()).isAfter(claim.until());
        Thread.sleep(SHORT.multipliedBy(2).toMillis());
        assertThat(attempt(job, LONG, false))
                .as("still held after the first lease's end")
                .isInstanceOf(ClaimAttempt.Busy.class);
        assertThat(jdbc.sql("select updated_at from jobs where job_id = :j")
                        .param("j", job)
                        .query(java.sql.Timestamp.class)
                        .single())
                .isAfter(touchedBefore);
    }

    @Test
    void a_released_claim_is_taken_over_at_once_and_keeps_its_token_until_then() {
        UUID job = UUID.randomUUID();
        Claim released = granted(attempt(job, LONG, false));

        assertThat(jobs.releaseSetting(released, "outcome = :why")
                        .param("why", "database hiccup")
                        .update())
                .isOne();

        assertThat(row(job).claim().token())
                .as("the released claim still names the row")
                .isEqualTo(released.token());
        assertThat(row(job).outcome()).isEqualTo("database hiccup");
        Claim next = granted(attempt(job, LONG, false));
        assertThat(next.token()).isNotEqualTo(released.token());
        assertThat(row(job).claims()).isEqualTo(2);
    }

    @Test
    void a_finished_row_is_taken_again_only_when_the_claim_says_so() {
        UUID job = UUID.randomUUID();
        assertThat(finish(granted(attempt(job, LONG, false)), "first")).isTrue();
        jdbc.sql("update jobs set status = 'REDO' where job_id = :j")
                .param("j", job)
                .update();

        assertThat(attempt(job, LONG, false)).isInstanceOf(ClaimAttempt.Finished.class);
        Claim redo = granted(attempt(job, LONG, true));

        assertThat(row(job).status()).isEqualTo("RUNNING");
        assertThat(row(job).claim()).isEqualTo(redo);
    }

    @Test
    void still_ours_holds_the_row_until_the_commit_so_no_take_over_slips_in_between() throws Exception {
        UUID job = UUID.randomUUID();
        Claim holder = granted(attempt(job, SHORT, false));
        Thread.sleep(
                SHORT.multipliedBy(2).toMillis()); // lapsed, but nobody took it over yet: the holder may still commit

        CompletableFuture<ClaimAttempt<Job>> claimer = new CompletableFuture<>();
        transactions.executeWithoutResult(status -> {
            assertThat(jobs.stillOurs(holder)).isTrue();
            Thread.ofPlatform().start(() -> claimer.complete(attempt(job, LONG, false)));
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            assertThat(claimer).as("the claimer waits for the holder's commit").isNotDone();
            assertThat(finish(holder, "committed")).isTrue();
        });

        assertThat(claimer.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isInstanceOf(ClaimAttempt.Finished.class);
        assertThat(row(job).outcome()).isEqualTo("committed");
    }

    @Test
    void still_ours_is_only_asked_inside_the_committing_transaction() {
        Claim claim = granted(attempt(UUID.randomUUID(), LONG, false));
        assertThatThrownBy(() -> jobs.stillOurs(claim)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void waiting_while_busy_ends_with_the_holders_outcome_or_after_the_patience() throws Exception {
        UUID job = UUID.randomUUID();
        Claim holder = granted(attempt(job, LONG, false));

        long started = System.nanoTime();
        ClaimAttempt<Job> gaveUp =
                Leases.waitWhileBusy(() -> attempt(job, LONG, false), Duration.ofMillis(300), Duration.ofMillis(50));
        assertThat(gaveUp).isInstanceOf(ClaimAttempt.Busy.class);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));

        CompletableFuture.runAsync(() -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            finish(holder, "done meanwhile");
        });
        ClaimAttempt<Job> settled = Leases.waitWhileBusy(() -> attempt(job, LONG, false), WAIT, Duration.ofMillis(50));
        assertThat(settled).isInstanceOf(ClaimAttempt.Finished.class);
        assertThat(settled.row().outcome()).isEqualTo("done meanwhile");
    }

    @Test
    void table_and_column_names_are_plain_identifiers() {
        assertThatThrownBy(() -> Leases.on(jdbc, "jobs; drop table jobs", "job_id"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
