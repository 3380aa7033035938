package dev.storyline.scheduler.insights;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The numbers an operator checks: library health, outcomes, slots missed (downtime, pause) or left empty
 * (nothing eligible), and how many days of content are left.
 */
@Component
public class Stats {

    public record AccountStats(
            String accountId,
            long active,
            long invalid,
            long locked,
            long eligible,
            long published,
            long postedManually,
            long skipped,
            long rejected,
            long failed,
            long missed,
            long empty,
            int postsPerDay,
            Double daysOfContentLeft) {}

    private final JdbcClient jdbc;

    public Stats(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public AccountStats of(String accountId) {
        return jdbc.sql("""
                        with lib as (
                            select count(*) filter (where m.active) as active,
                                   count(*) filter (where m.active and not m.valid) as invalid,
                                   count(*) filter (where m.active and exists (
                                       select 1 from media_locks l where l.media_id = m.id and l.locked_until > now())) as locked,
                                   count(*) filter (where m.active and m.valid and not exists (
                                       select 1 from media_locks l where l.media_id = m.id and l.locked_until > now())) as eligible
                            from media_items m where m.account_id = :a),
                        hist as (
                            select count(*) filter (where status = 'PUBLISHED') as published,
                                   count(*) filter (where status = 'POSTED_MANUALLY') as posted_manually,
                                   count(*) filter (where status = 'SKIPPED') as skipped,
                                   count(*) filter (where status = 'REJECTED') as rejected,
                                   count(*) filter (where status = 'FAILED') as failed
                            from posting_history where account_id = :a),
                        gaps as (
                            select count(*) filter (where status = 'MISSED') as missed,
                                   count(*) filter (where status = 'EMPTY') as empty
                            from slots where account_id = :a and status in ('MISSED', 'EMPTY'))
                        select :a as account_id, lib.active, lib.invalid, lib.locked, lib.eligible, hist.published,
                               hist.posted_manually, hist.skipped, hist.rejected, hist.failed, gaps.missed, gaps.empty,
                               a.posts_per_day,
                               case when a.posts_per_day > 0 then round(lib.eligible::numeric / a.posts_per_day, 1)::float8 end
                                   as days_of_content_left
                        from lib, hist, gaps, accounts a where a.id = :a
                        """).param("a", accountId).query(AccountStats.class).single();
    }
}
