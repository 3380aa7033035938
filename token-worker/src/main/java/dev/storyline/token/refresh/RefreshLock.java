package dev.storyline.token.refresh;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.springframework.stereotype.Component;

/**
 * One refresher at a time across every token-worker instance: a session-level PostgreSQL advisory
 * lock held on its own autocommit connection while the refresh runs. No transaction stays open
 * across the HTTP calls, and if the instance dies its connection, and with it the
 * lock, goes away.
 */
@Component
public class RefreshLock {

    /** Arbitrary but fixed: "tokenrfr" in ASCII. */
    static final long KEY = 0x746f6b656e726672L;

    private final DataSource dataSource;

    public RefreshLock(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Runs {@code work} holding the lock, or returns null at once if another refresher holds it. */
    public <T> T tryWithLock(Supplier<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            if (!call(connection, "select pg_try_advisory_lock(?)")) {
                return null;
            }
            try {
                return work.get();
            } finally {
                call(connection, "select pg_advisory_unlock(?)");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("refresh lock: " + e.getMessage(), e);
        }
    }

    private static boolean call(Connection connection, String sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, KEY);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }
}
