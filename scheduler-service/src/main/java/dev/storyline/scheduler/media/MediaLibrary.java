package dev.storyline.scheduler.media;

import java.time.Instant;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The library as operators see and annotate it. */
@Repository
public class MediaLibrary {

    public record Item(
            UUID id,
            String path,
            String category,
            String mimeType,
            long sizeBytes,
            Integer width,
            Integer height,
            Long durationMs,
            boolean valid,
            List<String> validationErrors,
            List<String> validationWarnings,
            boolean requiresInteraction,
            String title,
            String caption,
            String link,
            List<String> tags,
            boolean active,
            boolean locked,
            Instant lockedUntil,
            int timesPosted,
            boolean rejected,
            Instant rejectedAt,
            String rejectedBy,
            String rejectionReason) {}

    /**
     * Filters for listing; null means "any". {@code locked} is any active lock (cool-down or rejection),
     * {@code rejected} only a rejection.
     */
    public record Filter(
            String category, Boolean valid, Boolean active, Boolean locked, Boolean rejected, Boolean neverPosted) {}

    /** What an operator may set on an item; null leaves a field as it is. */
    public record Flags(Boolean requiresInteraction, String title, String caption, String link, List<String> tags) {}

    public record ScanError(String path, String error) {}

    private final JdbcClient jdbc;

    public MediaLibrary(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<Item> list(String accountId, Filter filter, int limit, int offset) {
        return query(accountId, null, filter, limit, offset);
    }

    /** One item of the account, whatever its state. */
    public Optional<Item> find(String accountId, UUID mediaId) {
        return query(accountId, mediaId, new Filter(null, null, null, null, null, null), 1, 0).stream()
                .findFirst();
    }

    private List<Item> query(String accountId, UUID mediaId, Filter filter, int limit, int offset) {
        // Only the filters given become conditions, and the page is chosen from the items alone, in the order of
        // the media_items_library index: the lock, history and rejection details are read for the page's rows,
        // not for every item of a library of a million (seconds a page before).
        StringBuilder where = new StringBuilder("m.account_id = :account");
        if (mediaId != null) {
            where.append(" and m.id = :id");
        }
        if (filter.category() != null) {
            where.append(" and m.category = :category");
        }
        if (filter.valid() != null) {
            where.append(" and m.valid = :valid");
        }
        if (filter.active() != null) {
            where.append(" and m.active = :active");
        }
        if (filter.locked() != null) {
            where.append(" and (exists (select 1 from media_locks l where l.account_id = m.account_id"
                    + " and l.media_id = m.id and l.locked_until > now())) = :locked");
        }
        if (filter.rejected() != null) {
            where.append(" and (exists (select 1 from media_locks l where l.account_id = m.account_id"
                    + " and l.media_id = m.id and l.reason = 'REJECTED' and l.locked_until > now())) = :rejected");
        }
        if (filter.neverPosted() != null) {
            where.append(" and (not exists (select 1 from posting_history h where h.media_id = m.id"
                    + " and h.status in ('PUBLISHED', 'POSTED_MANUALLY'))) = :neverPosted");
        }
        // times posted counts what reached Instagram, by the API or by hand; skips and failures are not posts.
        // A rejection by Telegram names its person in the post's history, one from the library on the lock.
        return jdbc.sql("""
                        with page as (
                            select i.* from media_items i
                            join (select m.id from media_items m
                                  where %s
                                  order by m.category, m.path
                                  limit :limit offset :offset) chosen on chosen.id = i.id)
                        select m.id, m.path, m.category, m.mime_type, m.size_bytes, m.width, m.height, m.duration_ms,
                               m.valid, m.validation_errors, m.validation_warnings, m.requires_interaction, m.title,
                               m.caption, m.link, m.tags, m.active,
                               (select max(l.locked_until) from media_locks l
                                where l.account_id = m.account_id and l.media_id = m.id and l.locked_until > now())
                                   as locked_until,
                               (select count(*) from posting_history h where h.media_id = m.id
                                and h.status in ('PUBLISHED', 'POSTED_MANUALLY')) as times_posted,
                               r.created_at as rejected_at, r.rejected_by, r.note as rejection_reason
                        from page m
                        left join lateral (
                            select l.created_at, l.note,
                                   coalesce(l.locked_by, (select h.posted_by from posting_history h
                                                          where h.media_id = l.media_id and h.post_id = l.post_id
                                                            and h.status = 'REJECTED'
                                                          order by h.occurred_at limit 1)) as rejected_by
                            from media_locks l
                            where l.account_id = m.account_id and l.media_id = m.id and l.reason = 'REJECTED'
                              and l.locked_until > now()
                            order by l.created_at limit 1) r on true
                        order by m.category, m.path
                        """.formatted(where))
                .param("limit", limit)
                .param("offset", offset)
                .param("account", accountId)
                .param("category", filter.category())
                .param("valid", filter.valid())
                .param("active", filter.active())
                .param("locked", filter.locked())
                .param("rejected", filter.rejected())
                .param("neverPosted", filter.neverPosted())
                .param("id", mediaId)
                .query((rs, n) -> new Item(
                        rs.getObject("id", UUID.class),
                        rs.getString("path"),
                        rs.getString("category"),
                        rs.getString("mime_type"),
                        rs.getLong("size_bytes"),
                        (Integer) rs.getObject("width"),
                        (Integer) rs.getObject("height"),
                        (Long) rs.getObject("duration_ms"),
                        rs.getBoolean("valid"),
                        List.of((String[]) rs.getArray("validation_errors").getArray()),
                        List.of((String[]) rs.getArray("validation_warnings").getArray()),
                        rs.getBoolean("requires_interaction"),
                        rs.getString("title"),
                        rs.getString("caption"),
                        rs.getString("link"),
                        List.of((String[]) rs.getArray("tags").getArray()),
                        rs.getBoolean("active"),
                        rs.getTimestamp("locked_until") != null,
                        instant(rs.getTimestamp("locked_until")),
                        rs.getInt("times_posted"),
                        rs.getTimestamp("rejected_at") != null,
                        instant(rs.getTimestamp("rejected_at")),
                        rs.getString("rejected_by"),
                        rs.getString("rejection_reason")))
                .list();
    }

    private static Instant instant(java.sql.Timestamp at) {
        return at == null ? null : at.toInstant();
    }

    /**
     * The account's categories. A distinct over the items read every one of them (0.75 s for a million); this
     * walks the media_items_library index from one category to the next instead, one short read per category.
     */
    public List<String> categories(String accountId) {
        return jdbc.sql("""
                        with recursive category as (
                            (select m.category from media_items m where m.account_id = :a and m.active
                             order by m.category limit 1)
                            union all
                            select (select m.category from media_items m
                                    where m.account_id = :a and m.active and m.category > c.category
                                    order by m.category limit 1)
                            from category c where c.category is not null)
                        select category from category where category is not null
                        """).param("a", accountId).query(String.class).list();
    }

    public List<ScanError> scanErrors(String accountId, int limit, int offset) {
        return jdbc.sql(
                        "select path, error from media_scan_errors where account_id = :a order by path limit :limit offset :offset")
                .param("a", accountId)
                .param("limit", limit)
                .param("offset", offset)
                .query(ScanError.class)
                .list();
    }

    public void setFlags(String accountId, UUID mediaId, Flags flags) {
        int updated = jdbc.sql("""
                        update media_items set
                            requires_interaction = coalesce(cast(:ri as boolean), requires_interaction),
                            title = coalesce(cast(:title as text), title), caption = coalesce(cast(:caption as text), caption),
                            link = coalesce(cast(:link as text), link), tags = coalesce(cast(:tags as text[]), tags), updated_at = now()
                        where account_id = :a and id = :id
                        """)
                .param("a", accountId)
                .param("id", mediaId)
                .param("ri", flags.requiresInteraction())
                .param("title", flags.title())
                .param("caption", flags.caption())
                .param("link", flags.link())
                .param(
                        "tags",
                        flags.tags() == null
                                ? null
                                : flags.tags().stream()
                                        .filter(t -> t != null && !t.isBlank())
                                        .toArray(String[]::new))
                .update();
        if (updated == 0) {
            throw new NoSuchElementException("no media " + mediaId + " in account " + accountId);
        }
    }
}
