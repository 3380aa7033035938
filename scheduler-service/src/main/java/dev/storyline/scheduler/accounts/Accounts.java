package dev.storyline.scheduler.accounts;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class Accounts {

    private static final String COLUMNS = """
            id, display_name, instagram_user_id, api_enabled, dry_run, token_healthy, paused, media_subdir,
            posts_per_day, window_start_hour, window_end_hour, timezone, jitter_minutes, api_paused_until,
            api_posts_per_day
            """;

    private final JdbcClient jdbc;

    public Accounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Every account that has not been removed. */
    public List<Account> all() {
        return jdbc.sql("select " + COLUMNS + " from accounts where deleted_at is null order by id")
                .query(Account.class)
                .list();
    }

    /** Also finds a removed account: its posts in flight may still report their outcome. */
    public Optional<Account> find(String id) {
        return jdbc.sql("select " + COLUMNS + " from accounts where id = :id")
                .param("id", id)
                .query(Account.class)
                .optional();
    }

    /** Several accounts in one round trip (removed ones too), for a dispatch batch. */
    public List<Account> find(java.util.Collection<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select " + COLUMNS + " from accounts where id in (:ids)")
                .param("ids", ids)
                .query(Account.class)
                .list();
    }

    /** The account an admin request names; a removed or unknown one is a 404. */
    public Account require(String id) {
        return jdbc.sql("select " + COLUMNS + " from accounts where id = :id and deleted_at is null")
                .param("id", id)
                .query(Account.class)
                .optional()
                .orElseThrow(() -> new NoSuchElementException("unknown account '" + id + "'"
                        + (exists(id) ? " (it was removed; add it again to revive it)" : "")));
    }

    public boolean exists(String id) {
        return jdbc.sql("select exists (select 1 from accounts where id = :id)")
                .param("id", id)
                .query(Boolean.class)
                .single();
    }

    public boolean active(String id) {
        return jdbc.sql("select exists (select 1 from accounts where id = :id and deleted_at is null)")
                .param("id", id)
                .query(Boolean.class)
                .single();
    }

    /** Folders owned by an account, a removed one included (it keeps its folder). */
    public List<String> ownedFolders() {
        return jdbc.sql("select distinct media_subdir from accounts where media_subdir <> '' order by 1")
                .query(String.class)
                .list();
    }

    /** Marks the account removed; its rows stay for the history. */
    public void markRemoved(String id) {
        jdbc.sql("update accounts set deleted_at = now(), paused = true, updated_at = now() where id = :id")
                .param("id", id)
                .update();
    }

    /** Creates or updates an account from its settings; health and pause state are left as they are. */
    public void upsert(Account account) {
        jdbc.sql("""
                        insert into accounts (id, display_name, instagram_user_id, api_enabled, dry_run, media_subdir,
                                              posts_per_day, window_start_hour, window_end_hour, timezone, jitter_minutes,
                                              api_posts_per_day)
                        values (:id, :displayName, :instagramUserId, :apiEnabled, :dryRun, :mediaSubdir,
                                :postsPerDay, :windowStartHour, :windowEndHour, :timezone, :jitterMinutes,
                                :apiPostsPerDay)
                        on conflict (id) do update set
                            display_name = excluded.display_name, instagram_user_id = excluded.instagram_user_id,
                            api_enabled = excluded.api_enabled, dry_run = excluded.dry_run,
                            media_subdir = excluded.media_subdir, posts_per_day = excluded.posts_per_day,
                            window_start_hour = excluded.window_start_hour, window_end_hour = excluded.window_end_hour,
                            timezone = excluded.timezone, jitter_minutes = excluded.jitter_minutes,
                            api_posts_per_day = excluded.api_posts_per_day, paused = case when accounts.deleted_at is null then accounts.paused else false end,
                            deleted_at = null,
                            updated_at = now()
                        """).paramSource(account).update();
    }

    public void setApiEnabled(String id, boolean enabled) {
        jdbc.sql("update accounts set api_enabled = :enabled, updated_at = now() where id = :id")
                .param("id", id)
                .param("enabled", enabled)
                .update();
    }

    public void pauseApiUntil(String id, Instant until) {
        jdbc.sql("update accounts set api_paused_until = :until, updated_at = now() where id = :id")
                .param("id", id)
                .param("until", java.sql.Timestamp.from(until))
                .update();
    }

    /**
     * Applies a token or rate-limit signal in the caller's transaction (the row is locked while read), so
     * the account ends in the state of the newest signal whatever order they arrive in ({@link ApiHealth}).
     * An unknown account is left alone.
     */
    public Optional<ApiHealth> applyApiSignal(String id, ApiHealth.Signal signal, Duration rateLimitPause) {
        Optional<ApiHealth> current = jdbc.sql("""
                        select token_healthy, token_generation, token_state_at, api_paused_until
                        from accounts where id = :id for update
                        """)
                .param("id", id)
                .query((rs, row) -> new ApiHealth(
                        rs.getBoolean("token_healthy"),
                        (Long) rs.getObject("token_generation"),
                        instant(rs.getTimestamp("token_state_at")),
                        instant(rs.getTimestamp("api_paused_until"))))
                .optional();
        if (current.isEmpty()) {
            return Optional.empty();
        }
        ApiHealth next = current.get().apply(signal, rateLimitPause);
        if (!next.equals(current.get())) {
            jdbc.sql("""
                            update accounts set token_healthy = :healthy, token_generation = :generation,
                                                token_state_at = :stateAt, api_paused_until = :pausedUntil, updated_at = now()
                            where id = :id
                            """)
                    .param("id", id)
                    .param("healthy", next.tokenHealthy())
                    .param("generation", next.tokenGeneration())
                    .param("stateAt", timestamp(next.tokenStateAt()))
                    .param("pausedUntil", timestamp(next.apiPausedUntil()))
                    .update();
        }
        return Optional.of(next);
    }

    /** Accounts on the API route whose token is believed unhealthy: the re-check asks token-worker about them. */
    public List<String> withUnhealthyToken() {
        return jdbc.sql("select id from accounts where api_enabled and not token_healthy order by id")
                .query(String.class)
                .list();
    }

    private static Instant instant(java.sql.Timestamp ts) {
        return ts == null ? null : ts.toInstant();
    }

    private static java.sql.Timestamp timestamp(Instant instant) {
        return instant == null ? null : java.sql.Timestamp.from(instant);
    }

    public void setTokenHealthy(String id, boolean healthy) {
        jdbc.sql("update accounts set token_healthy = :healthy, updated_at = now() where id = :id")
                .param("id", id)
                .param("healthy", healthy)
                .update();
    }
}
