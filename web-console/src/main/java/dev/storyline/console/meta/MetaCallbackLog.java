package dev.storyline.console.meta;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The console's record of Meta's callbacks (table meta_callbacks): one row per signed request. */
@Repository
class MetaCallbackLog {

    enum Kind {
        DEAUTHORIZE,
        DATA_DELETION
    }

    enum State {
        RECEIVED,
        DONE,
        NOTHING_HELD
    }

    /** One request as recorded. */
    record Entry(
            long id,
            Kind kind,
            String confirmationCode,
            State state,
            int accounts,
            int tokensDeleted,
            Instant receivedAt,
            Instant completedAt) {

        boolean finished() {
            return state != State.RECEIVED;
        }
    }

    private final JdbcClient jdbc;

    MetaCallbackLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The request's row, new or as an earlier delivery left it: Meta may send the same request again,
     * even at the same moment, and both then see one row.
     */
    Entry receive(Kind kind, String requestKey, String newConfirmationCode, Instant now) {
        jdbc.sql("""
                        insert into meta_callbacks (kind, request_key, confirmation_code, state, received_at)
                        values (:kind, :key, :code, 'RECEIVED', :now)
                        on conflict (kind, request_key) do nothing
                        """)
                .param("kind", kind.name())
                .param("key", requestKey)
                .param("code", newConfirmationCode)
                .param("now", OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
                .update();
        return find(kind, requestKey);
    }

    Entry find(Kind kind, String requestKey) {
        return jdbc.sql(SELECT + " where kind = :kind and request_key = :key")
                .param("kind", kind.name())
                .param("key", requestKey)
                .query(MetaCallbackLog::entry)
                .single();
    }

    void finish(long id, State state, int accounts, int tokensDeleted, Instant now) {
        jdbc.sql("""
                        update meta_callbacks
                           set state = :state, accounts = :accounts, tokens_deleted = tokens_deleted + :tokens,
                               completed_at = :now
                         where id = :id and state = 'RECEIVED'
                        """)
                .param("state", state.name())
                .param("accounts", accounts)
                .param("tokens", tokensDeleted)
                .param("now", OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
                .param("id", id)
                .update();
    }

    Optional<Entry> deletionRequest(String confirmationCode) {
        return jdbc.sql(SELECT + " where kind = 'DATA_DELETION' and confirmation_code = :code")
                .param("code", confirmationCode)
                .query(MetaCallbackLog::entry)
                .optional();
    }

    private static final String SELECT = """
            select id, kind, confirmation_code, state, accounts, tokens_deleted, received_at, completed_at
              from meta_callbacks""";

    private static Entry entry(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        java.sql.Timestamp completed = rs.getTimestamp("completed_at");
        return new Entry(
                rs.getLong("id"),
                Kind.valueOf(rs.getString("kind")),
                rs.getString("confirmation_code"),
                State.valueOf(rs.getString("state")),
                rs.getInt("accounts"),
                rs.getInt("tokens_deleted"),
                rs.getTimestamp("received_at").toInstant(),
                completed == null ? null : completed.toInstant());
    }
}
