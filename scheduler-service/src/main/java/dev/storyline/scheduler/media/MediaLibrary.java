package dev.storyline.scheduler.media;

import java.util.List;
import java.util.NoSuchElementException;
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
            boolean locked) {}

    /** Filters for listing; null means "any". */
    public record Filter(String category, Boolean valid, Boolean active, Boolean locked) {}

    /** What an operator may set on an item; null leaves a field as it is. */
    public record Flags(Boolean requiresInteraction, String title, String caption, String link, List<String> tags) {}

    public record ScanError(String path, String error) {}

    private final JdbcClient jdbc;

    public MediaLibrary(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<Item> list(String accountId, Filter filter, int limit, int offset) {
        return jdbc.sql("""
                        select * from (
                            select m.id, m.path, m.category, m.mime_type, m.size_bytes, m.width, m.height, m.duration_ms,
                                   m.valid, m.validation_errors, m.validation_warnings, m.requires_interaction, m.title,
                                   m.caption, m.link, m.tags, m.active,
                                   exists (select 1 from media_locks l where l.media_id = m.id and l.locked_until > now()) as locked
                            from media_items m where m.account_id = :account) i
                        where (cast(:category as text) is null or i.category = :category)
                          and (cast(:valid as boolean) is null or i.valid = :valid)
                          and (cast(:active as boolean) is null or i.active = :active)
                          and (cast(:locked as boolean) is null or i.locked = :locked)
                        order by i.category, i.path
                        limit :limit offset :offset
                        """)
                .param("limit", limit)
                .param("offset", offset)
                .param("account", accountId)
                .param("category", filter.category())
                .param("valid", filter.valid())
                .param("active", filter.active())
                .param("locked", filter.locked())
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
                        rs.getBoolean("locked")))
                .list();
    }

    public List<String> categories(String accountId) {
        return jdbc.sql("select distinct category from media_items where account_id = :a and active order by 1")
                .param("a", accountId)
                .query(String.class)
                .list();
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
