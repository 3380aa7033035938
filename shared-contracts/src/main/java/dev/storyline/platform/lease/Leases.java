package dev.storyline.platform.lease;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Claims on the rows of one table, held as leases: "claim a row, call out to an external API, commit
 * only if the claim is still ours". A claim is never a transaction or a row lock held across a call:
 * it is a token ({@value #TOKEN}) and an expiry ({@value #EXPIRY}) written to the row, committed on
 * their own. The holder renews the lease while it works; a holder that dies stops renewing, its lease
 * lapses, and the next claimer takes the row over with a new token. Every write a holder makes after
 * that names its token and the row's in-flight status, so it changes nothing once the row was taken
 * over (or finished): exactly one holder's outcome commits.
 * <p>
 * The table has a {@code uuid} key, the two columns above, and usually a status column whose in-flight
 * values ({@link #heldWhile}) are the states a claim can hold; a row in any other state is finished,
 * or is only taken by a claim's own extra condition ({@link Claiming#alsoTakeOverWhen}). A lease ended
 * early (its expiry now, or cleared) counts as lapsed.
 * <p>
 * The SQL fragments the methods take (columns, assignments, conditions) are the caller's own code,
 * never input; values go in as named parameters. This class's own parameters start with {@code lease}.
 */
public final class Leases {

    /** The column holding the current claim's token; null while nobody holds the row. */
    public static final String TOKEN = "claim_id";
    /** The column holding when the current claim's lease lapses unless renewed. */
    public static final String EXPIRY = "claimed_until";

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]*");

    private final JdbcClient jdbc;
    private final String table;
    private final String key;
    private final String statusColumn;
    private final List<String> heldStatuses;
    private final String touched;

    private Leases(
            JdbcClient jdbc, String table, String key, String statusColumn, List<String> heldStatuses, String touched) {
        this.jdbc = jdbc;
        this.table = table;
        this.key = key;
        this.statusColumn = statusColumn;
        this.heldStatuses = heldStatuses;
        this.touched = touched;
    }

    /** The leased rows of {@code table}, keyed by {@code keyColumn} (a uuid). */
    public static Leases on(JdbcClient jdbc, String table, String keyColumn) {
        return new Leases(jdbc, identifier(table), identifier(keyColumn), null, List.of(), null);
    }

    /** A claim holds a row only while {@code statusColumn} is one of {@code statuses} (the in-flight states). */
    public Leases heldWhile(String statusColumn, String... statuses) {
        if (statuses.length == 0) {
            throw new IllegalArgumentException("name the in-flight statuses of " + table);
        }
        return new Leases(jdbc, table, key, identifier(statusColumn), List.of(statuses), touched);
    }

    /** {@link #renew} and the releases also set {@code column} to {@code now()} (e.g. {@code updated_at}). */
    public Leases touching(String column) {
        return new Leases(jdbc, table, key, statusColumn, heldStatuses, identifier(column));
    }

    /** Starts a claim on the row {@code rowKey}: inserts it if it is new, takes it over if its lease lapsed. */
    public Claiming claiming(UUID rowKey) {
        return new Claiming(rowKey);
    }

    /** Extends the lease of a claim that still holds its row; empty once it was lost (taken over, finished). */
    public Optional<Claim> renew(Claim claim, Duration lease) {
        return ours(
                        claim,
                        "update " + table + " set " + EXPIRY + " = now() + make_interval(secs => :leaseSeconds)"
                                + touch() + " where " + oursCondition() + " returning " + EXPIRY)
                .param("leaseSeconds", seconds(lease))
                .query((rs, n) -> new Claim(
                        claim.key(), claim.token(), rs.getTimestamp(EXPIRY).toInstant()))
                .optional();
    }

    /**
     * Ends the lease now, keeping the token on the row, so the next claimer takes the row over at once
     * (after a failure of ours that the next attempt may not have). False if the claim was already lost.
     */
    public boolean release(Claim claim) {
        return releaseSetting(claim, null).update() == 1;
    }

    /** {@link #release(Claim)} that also makes the assignments {@code alsoSet}; bind their parameters and run it. */
    public JdbcClient.StatementSpec releaseSetting(Claim claim, String alsoSet) {
        return ours(
                claim,
                "update " + table + " set " + EXPIRY + " = now()" + touch() + (alsoSet == null ? "" : ", " + alsoSet)
                        + " where " + oursCondition());
    }

    /**
     * An update of the claimed row that takes effect only while {@code claim} still holds it (and every one
     * of {@code conditions} is true): the compare-and-set a holder commits with. The claim stays held.
     * Bind the assignments' parameters and run it; one row updated means it was still ours.
     */
    public JdbcClient.StatementSpec updateIfOurs(Claim claim, String set, String... conditions) {
        return ours(claim, "update " + table + " set " + set + " where " + oursCondition() + and(conditions));
    }

    /**
     * Like {@link #updateIfOurs}, and ends the claim with it (token and expiry cleared): the holder's last
     * write, typically recording the row's outcome in the transaction that also appends its event.
     */
    public JdbcClient.StatementSpec endIfOurs(Claim claim, String set, String... conditions) {
        return ours(
                claim,
                "update " + table + " set " + set + ", " + TOKEN + " = null, " + EXPIRY + " = null" + " where "
                        + oursCondition() + and(conditions));
    }

    /**
     * "Is the claim still ours?", answered inside the committing transaction: true locks the row until that
     * transaction ends, so no claimer can take it over before the commit; false means the claim was lost.
     */
    public boolean stillOurs(Claim claim) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("Leases.stillOurs must run inside the transaction that commits the work");
        }
        return ours(claim, "select 1 from " + table + " where " + oursCondition() + " for update")
                .query(Integer.class)
                .optional()
                .isPresent();
    }

    /** The claim a row read with {@code select *} names, or null if nobody holds it. */
    public static Claim claimIn(ResultSet rs, String keyColumn) throws SQLException {
        UUID token = rs.getObject(TOKEN, UUID.class);
        if (token == null) {
            return null;
        }
        Timestamp until = rs.getTimestamp(EXPIRY);
        return new Claim(rs.getObject(keyColumn, UUID.class), token, until == null ? null : until.toInstant());
    }

    /**
     * Makes {@code attempt} again every {@code pause} while another holder's live lease is in the way, for
     * at most {@code patience}: a holder that finishes meanwhile, or one whose lease lapses, settles it
     * without spending the broker's retries. Returns the last answer: still {@link ClaimAttempt.Busy} once
     * the patience ran out, or at once if the thread was interrupted (its interrupt flag then stays set).
     */
    public static <T> ClaimAttempt<T> waitWhileBusy(
            Supplier<ClaimAttempt<T>> attempt, Duration patience, Duration pause) {
        long giveUp = System.nanoTime() + patience.toNanos();
        ClaimAttempt<T> last = attempt.get();
        while (last instanceof ClaimAttempt.Busy<T> && System.nanoTime() - giveUp < 0) {
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return last;
            }
            last = attempt.get();
        }
        return last;
    }

    /** One claim being made; see {@link #claiming}. */
    public final class Claiming {

        private final UUID rowKey;
        private final Map<String, Object> params = new HashMap<>();
        private String columns = "";
        private String values = "";
        private String onTakeover = "";
        private String alsoWhen;

        private Claiming(UUID rowKey) {
            this.rowKey = rowKey;
        }

        /** The new row's other columns and their values (besides the key, token and expiry). */
        public Claiming insert(String columns, String values) {
            this.columns = ", " + columns;
            this.values = ", " + values;
            return this;
        }

        /** What else a take-over changes, besides the token and expiry (e.g. a counter of claims). */
        public Claiming onTakeover(String set) {
            this.onTakeover = ", " + set;
            return this;
        }

        /** A row this claim may also take, besides an in-flight one whose lease lapsed (e.g. one to redo). */
        public Claiming alsoTakeOverWhen(String condition) {
            this.alsoWhen = condition;
            return this;
        }

        public Claiming param(String name, Object value) {
            params.put(name, value);
            return this;
        }

        /**
         * The claim in one statement, committed before any external call (on its own, or with the caller's
         * read-only checks such as the inbox's): inserts the row, or
         * takes it over if it may. A conflicting claimer waits for the row lock and then sees the winner's
         * live lease, so of two racing claims exactly one is granted. Empty if this one was not.
         */
        public <T> Optional<ClaimAttempt.Granted<T>> claim(Duration lease, RowMapper<T> rows) {
            String sql = "insert into " + table + " (" + key + ", " + TOKEN + ", " + EXPIRY + columns + ")"
                    + " values (:leaseKey, :leaseToken, now() + make_interval(secs => :leaseSeconds)" + values + ")"
                    + " on conflict (" + key + ") do update"
                    + " set " + TOKEN + " = excluded." + TOKEN + ", " + EXPIRY + " = excluded." + EXPIRY + onTakeover
                    + " where (" + held() + " and (" + table + "." + EXPIRY + " is null or " + table + "." + EXPIRY
                    + " <= now()))" + (alsoWhen == null ? "" : " or (" + alsoWhen + ")")
                    + " returning *";
            return withHeld(jdbc.sql(sql).params(params))
                    .param("leaseKey", rowKey)
                    .param("leaseToken", UUID.randomUUID())
                    .param("leaseSeconds", seconds(lease))
                    .query((rs, n) -> new ClaimAttempt.Granted<>(claimIn(rs, key), rows.mapRow(rs, n)))
                    .optional();
        }

        /**
         * {@link #claim}, and if it was not granted, the row as it is now: {@link ClaimAttempt.Finished} if
         * {@code finished} says so, else {@link ClaimAttempt.Busy}. Empty if the row vanished between the
         * two statements (pruned), which the caller decides about.
         */
        public <T> Optional<ClaimAttempt<T>> attempt(Duration lease, RowMapper<T> rows, Predicate<? super T> finished) {
            Optional<ClaimAttempt.Granted<T>> granted = claim(lease, rows);
            if (granted.isPresent()) {
                return Optional.of(granted.get());
            }
            return jdbc.sql("select * from " + table + " where " + key + " = :leaseKey")
                    .param("leaseKey", rowKey)
                    .query(rows)
                    .optional()
                    .<ClaimAttempt<T>>map(row ->
                            finished.test(row) ? new ClaimAttempt.Finished<>(row) : new ClaimAttempt.Busy<>(row));
        }
    }

    private JdbcClient.StatementSpec ours(Claim claim, String sql) {
        return withHeld(jdbc.sql(sql)).param("leaseKey", claim.key()).param("leaseToken", claim.token());
    }

    private String oursCondition() {
        return table + "." + key + " = :leaseKey and " + table + "." + TOKEN + " = :leaseToken and " + held();
    }

    private String held() {
        return statusColumn == null ? "true" : table + "." + statusColumn + " in (:leaseHeld)";
    }

    private JdbcClient.StatementSpec withHeld(JdbcClient.StatementSpec statement) {
        return statusColumn == null ? statement : statement.param("leaseHeld", heldStatuses);
    }

    private String touch() {
        return touched == null ? "" : ", " + touched + " = now()";
    }

    private static String and(String... conditions) {
        StringBuilder sql = new StringBuilder();
        for (String condition : conditions) {
            sql.append(" and (").append(condition).append(')');
        }
        return sql.toString();
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }

    private static String identifier(String name) {
        if (name == null || !IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException("not a plain SQL identifier: " + name);
        }
        return name;
    }
}
