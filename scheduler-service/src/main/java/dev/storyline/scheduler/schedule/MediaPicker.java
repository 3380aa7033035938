package dev.storyline.scheduler.schedule;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Chooses the media for a slot at dispatch time from what is then eligible: active, valid, not
 * locked, not already in flight; never-posted first, then least recently posted. If the slot's
 * category has nothing eligible, another category is used and the slot says so.
 */
@Component
public class MediaPicker {

    public record Pick(
            UUID mediaId,
            String path,
            String mimeType,
            String category,
            String sha256,
            long sizeBytes,
            String title,
            String caption,
            String link,
            List<String> tags,
            boolean requiresInteraction) {}

    private static final String ELIGIBLE = """
            select m.id, m.path, m.mime_type, m.category, m.sha256, m.size_bytes, m.title, m.caption, m.link, m.tags,
                   m.requires_interaction
            from media_items m
            where m.account_id = :account and m.active and m.valid
              and (cast(:category as text) is null or m.category = :category)
              and not exists (select 1 from media_locks l
                              where l.account_id = m.account_id and l.media_id = m.id and l.locked_until > now())
              and not exists (select 1 from slots s
                              where s.media_id = m.id and s.status in ('DISPATCHED', 'MANUAL_PENDING'))
            order by (select max(h.occurred_at) from posting_history h where h.media_id = m.id) asc nulls first,
                     m.first_seen_at, m.id
            limit 1
            """;

    private final JdbcClient jdbc;

    public MediaPicker(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Pick> pick(String accountId, String category) {
        return jdbc.sql(ELIGIBLE)
                .param("account", accountId)
                .param("category", category)
                .query(MediaPicker::map)
                .optional();
    }

    /** The medium a slot already carries (a post handed back to the API keeps its medium). */
    public Optional<Pick> chosen(UUID mediaId) {
        return jdbc.sql("""
                        select m.id, m.path, m.mime_type, m.category, m.sha256, m.size_bytes, m.title, m.caption, m.link,
                               m.tags, m.requires_interaction
                        from media_items m where m.id = :id
                        """).param("id", mediaId).query(MediaPicker::map).optional();
    }

    /** Tags without nulls or blanks: a null stored by an earlier version must not stop the post. */
    static List<String> tags(java.sql.Array array) throws java.sql.SQLException {
        if (array == null) {
            return List.of();
        }
        return Arrays.stream((String[]) array.getArray())
                .filter(t -> t != null && !t.isBlank())
                .toList();
    }

    private static Pick map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Pick(
                rs.getObject("id", UUID.class),
                rs.getString("path"),
                rs.getString("mime_type"),
                rs.getString("category"),
                rs.getString("sha256"),
                rs.getLong("size_bytes"),
                rs.getString("title"),
                rs.getString("caption"),
                rs.getString("link"),
                tags(rs.getArray("tags")),
                rs.getBoolean("requires_interaction"));
    }
}
