package dev.storyline.token.store;

import dev.storyline.token.crypto.Sealed;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for api_tokens. Callers own the transactions (and the outbox events that go with them). */
@Repository
public class TokenStore {

    public static final String SERVICE = "instagram";

    private static final String COLUMNS = """
            id, account_id, service, token_type, login_type, instagram_user_id, key_id, nonce, ciphertext,
            issued_at, expires_at, expiry_assumed, last_refreshed_at, scopes, metadata::text as metadata, created_at,
            revoked_at, last_refresh_attempt_at, refresh_failed_at, last_error, generation
            """;
    private static final RowMapper<StoredToken> ROW = TokenStore::map;

    private final JdbcClient jdbc;

    public TokenStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<StoredToken> active(String accountId) {
        return jdbc.sql("select " + COLUMNS
                        + " from api_tokens where account_id = :account and service = :service and revoked_at is null")
                .param("account", accountId)
                .param("service", SERVICE)
                .query(ROW)
                .optional();
    }

    /** The same, locked until the caller's transaction ends (so two writers cannot both replace it). */
    public Optional<StoredToken> activeForUpdate(String accountId) {
        return jdbc.sql(
                        "select " + COLUMNS
                                + " from api_tokens where account_id = :account and service = :service and revoked_at is null for update")
                .param("account", accountId)
                .param("service", SERVICE)
                .query(ROW)
                .optional();
    }

    /** The newest row of every account that ever had a token: active ones, or the revoked last one. */
    public List<StoredToken> latestPerAccount() {
        return jdbc.sql("select distinct on (account_id) " + COLUMNS + " from api_tokens where service = :service "
                        + "order by account_id, (revoked_at is null) desc, created_at desc")
                .param("service", SERVICE)
                .query(ROW)
                .list();
    }

    /** The account's active token, or else its most recently revoked one. */
    public Optional<StoredToken> latest(String accountId) {
        return jdbc.sql("select " + COLUMNS + " from api_tokens where account_id = :account and service = :service "
                        + "order by (revoked_at is null) desc, created_at desc limit 1")
                .param("account", accountId)
                .param("service", SERVICE)
                .query(ROW)
                .optional();
    }

    public List<StoredToken> allActive() {
        return jdbc.sql("select " + COLUMNS + " from api_tokens where revoked_at is null order by account_id")
                .query(ROW)
                .list();
    }

    /**
     * Active tokens the loop should refresh now: expiring within the buffer (or with an assumed
     * expiry), old enough for Meta to accept the refresh, and not failed recently.
     */
    public List<StoredToken> dueForRefresh(
            Instant now, Duration buffer, Duration minimumAge, Duration retryAfterFailure) {
        return jdbc.sql("select " + COLUMNS + """
                         from api_tokens
                        where revoked_at is null
                          and (expires_at <= :dueBefore or expiry_assumed)
                          and issued_at <= :oldEnough
                          and (refresh_failed_at is null or refresh_failed_at <= :retryFailedBefore)
                        order by expires_at
                        """)
                .param("dueBefore", Timestamp.from(now.plus(buffer)))
                .param("oldEnough", Timestamp.from(now.minus(minimumAge)))
                .param("retryFailedBefore", Timestamp.from(now.minus(retryAfterFailure)))
                .query(ROW)
                .list();
    }

    public List<StoredToken> notSealedWith(String keyId) {
        return jdbc.sql("select " + COLUMNS + " from api_tokens where key_id <> :key order by created_at for update")
                .param("key", keyId)
                .query(ROW)
                .list();
    }

    /** Revokes the account's active token (if any) and inserts the new one; run both in one transaction. */
    public UUID replace(NewToken token, Instant now) {
        revoke(token.accountId(), now);
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        insert into api_tokens (id, account_id, service, token_type, login_type, instagram_user_id,
                                                ciphertext, key_id, nonce, issued_at, expires_at, expiry_assumed,
                                                scopes, metadata)
                        values (:id, :account, :service, 'long_lived', :loginType, :igUser, :ciphertext, :keyId, :nonce,
                                :issuedAt, :expiresAt, :assumed, :scopes, jsonb_build_object('source', cast(:source as text)))
                        """)
                .param("id", id)
                .param("account", token.accountId())
                .param("service", SERVICE)
                .param("loginType", token.loginType().wireName())
                .param("igUser", token.instagramUserId())
                .param("ciphertext", token.sealed().ciphertext())
                .param("keyId", token.sealed().keyId())
                .param("nonce", token.sealed().nonce())
                .param("issuedAt", Timestamp.from(token.issuedAt()))
                .param("expiresAt", Timestamp.from(token.expiresAt()))
                .param("assumed", token.expiryAssumed())
                .param("scopes", token.scopes().toArray(String[]::new))
                .param("source", token.source())
                .update();
        return id;
    }

    /** Revokes the account's active token; answers its generation, empty when there was none. */
    public Optional<Long> revokeActive(String accountId, Instant now) {
        return jdbc.sql("update api_tokens set revoked_at = :now where account_id = :account and service = :service "
                        + "and revoked_at is null returning generation")
                .param("now", Timestamp.from(now))
                .param("account", accountId)
                .param("service", SERVICE)
                .query(Long.class)
                .optional();
    }

    public int revoke(String accountId, Instant now) {
        return jdbc.sql(
                        "update api_tokens set revoked_at = :now where account_id = :account and service = :service and revoked_at is null")
                .param("now", Timestamp.from(now))
                .param("account", accountId)
                .param("service", SERVICE)
                .update();
    }

    /**
     * Stores a refreshed value under a new generation, only if the row is still the active one (it may
     * have been replaced meanwhile); answers the new generation, empty when the row was not updated.
     */
    public Optional<Long> recordRefresh(UUID id, Sealed sealed, Instant expiresAt, boolean expiryAssumed, Instant now) {
        return jdbc.sql("""
                        update api_tokens
                           set ciphertext = :ciphertext, key_id = :keyId, nonce = :nonce, issued_at = :now,
                               expires_at = :expiresAt, expiry_assumed = :assumed, last_refreshed_at = :now,
                               last_refresh_attempt_at = :now, refresh_failed_at = null, last_error = null,
                               generation = nextval('api_token_generation')
                         where id = :id and revoked_at is null
                        returning generation
                        """)
                .param("id", id)
                .param("ciphertext", sealed.ciphertext())
                .param("keyId", sealed.keyId())
                .param("nonce", sealed.nonce())
                .param("now", Timestamp.from(now))
                .param("expiresAt", Timestamp.from(expiresAt))
                .param("assumed", expiryAssumed)
                .query(Long.class)
                .optional();
    }

    public long generationOf(UUID id) {
        return jdbc.sql("select generation from api_tokens where id = :id")
                .param("id", id)
                .query(Long.class)
                .single();
    }

    public boolean recordFailure(UUID id, String error, Instant now) {
        return jdbc.sql("""
                        update api_tokens
                           set refresh_failed_at = :now, last_refresh_attempt_at = :now, last_error = :error
                         where id = :id and revoked_at is null
                        """)
                        .param("id", id)
                        .param("now", Timestamp.from(now))
                        .param("error", error)
                        .update()
                == 1;
    }

    /** Re-seals a row only if it still holds the ciphertext that was read (optimistic, per row). */
    public boolean reseal(UUID id, Sealed from, Sealed to) {
        return jdbc.sql("""
                        update api_tokens set ciphertext = :ciphertext, key_id = :keyId, nonce = :nonce
                         where id = :id and key_id = :oldKey and nonce = :oldNonce
                        """)
                        .param("id", id)
                        .param("ciphertext", to.ciphertext())
                        .param("keyId", to.keyId())
                        .param("nonce", to.nonce())
                        .param("oldKey", from.keyId())
                        .param("oldNonce", from.nonce())
                        .update()
                == 1;
    }

    public Optional<String> lastEnvFingerprint(String accountId) {
        return jdbc.sql("select value_sha256 from env_token_ingests where account_id = :account")
                .param("account", accountId)
                .query(String.class)
                .optional();
    }

    public void rememberEnvFingerprint(String accountId, String sha256) {
        jdbc.sql("""
                        insert into env_token_ingests (account_id, value_sha256) values (:account, :sha)
                        on conflict (account_id) do update set value_sha256 = excluded.value_sha256, ingested_at = now()
                        """).param("account", accountId).param("sha", sha256).update();
    }

    private static StoredToken map(ResultSet rs, int row) throws SQLException {
        return new StoredToken(
                rs.getObject("id", UUID.class),
                rs.getString("account_id"),
                rs.getString("service"),
                rs.getString("token_type"),
                LoginType.fromWire(rs.getString("login_type")),
                rs.getString("instagram_user_id"),
                new Sealed(rs.getString("key_id"), rs.getBytes("nonce"), rs.getBytes("ciphertext")),
                instant(rs, "issued_at"),
                instant(rs, "expires_at"),
                rs.getBoolean("expiry_assumed"),
                instant(rs, "last_refreshed_at"),
                strings(rs.getArray("scopes")),
                rs.getString("metadata"),
                instant(rs, "created_at"),
                instant(rs, "revoked_at"),
                instant(rs, "last_refresh_attempt_at"),
                instant(rs, "refresh_failed_at"),
                rs.getString("last_error"),
                rs.getLong("generation"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}
