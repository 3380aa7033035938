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

    private static final String COLUMNS = """
            m.id, m.path, m.mime_type, m.category, m.sha256, m.size_bytes, m.title, m.caption, m.link, m.tags,
            m.requires_interaction""";

    /**
     * Never used first, then least recently used (the latest history entry of any kind, kept on the item),
     * then the oldest: the order of the media_items_pick indexes, so a pick reads a few rows of an index
     * however large the library is, instead of sorting all of it.
     */
    private static final String LAST_USE_ORDER = "m.last_used_at asc nulls first, m.first_seen_at, m.id";

    private static final String ELIGIBLE = """
            from media_items m
            where m.account_id = :account and m.active and m.valid
              and not exists (select 1 from media_locks l
                              where l.account_id = m.account_id and l.media_id = m.id and l.locked_until > now())
              and not exists (select 1 from slots s
                              where s.media_id = m.id and s.status in ('DISPATCHED', 'MANUAL_PENDING'))
            """;

    static final String PICK_IN_CATEGORY = "select " + COLUMNS + " " + ELIGIBLE
            + " and m.category = :category order by " + LAST_USE_ORDER + " limit 1";

    static final String PICK_ANY = "select " + COLUMNS + " " + ELIGIBLE + " order by " + LAST_USE_ORDER + " limit 1";

    /**
     * The slot's own category first; when it has nothing eligible (or the slot has none), any category. Two
     * index-ordered reads of one row each rather than one order by "category matches" over the whole library.
     * {@code extra} narrows both.
     */
    private static String preferredFirst(String extra) {
        return "select * from ((select 0 as preference, " + COLUMNS + " " + ELIGIBLE + extra
                + " and m.category = :category order by " + LAST_USE_ORDER + " limit 1)"
                + " union all (select 1 as preference, " + COLUMNS + " " + ELIGIBLE + extra
                + " order by " + LAST_USE_ORDER + " limit 1)) candidate order by preference limit 1";
    }

    /**
     * The pick and the slot's update in one statement, so a dispatch costs one round trip for both. The
     * route depends on the medium only through requires_interaction, so both answers come in as
     * parameters and the statement takes the one that applies.
     */
    private static final String ASSIGN = "with pick as (" + preferredFirst("") + """
            )
            update slots s
            set status = case when (case when pick.requires_interaction then :routeIfInteraction else :route end) = 'MANUAL'
                              then 'MANUAL_PENDING' else 'DISPATCHED' end,
                media_id = pick.id,
                route = case when pick.requires_interaction then :routeIfInteraction else :route end,
                route_reason = case when pick.requires_interaction then :reasonIfInteraction else :reason end,
                dispatched_at = now(), category = coalesce(s.category, pick.category), dispatched_dry_run = :dryRun
            from pick
            where s.id = :slot
            returning pick.*
            """;

    /**
     * What {@link #ASSIGN} would choose, read only; media already previewed for earlier slots are left out, as
     * dispatch would find them in flight by then.
     */
    static final String PREVIEW = preferredFirst(" and not (m.id::text = any(string_to_array(:excluded, ',')))");

    private final JdbcClient jdbc;

    public MediaPicker(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Pick> pick(String accountId, String category) {
        if (category == null) {
            return jdbc.sql(PICK_ANY)
                    .param("account", accountId)
                    .query(MediaPicker::map)
                    .optional();
        }
        return jdbc.sql(PICK_IN_CATEGORY)
                .param("account", accountId)
                .param("category", category)
                .query(MediaPicker::map)
                .optional();
    }

    /**
     * Chooses the medium for a due slot and records it on the slot with its route; empty when the
     * account has nothing eligible (the slot is then left as it was). The caller holds the account's lock.
     */
    Optional<Pick> assign(UUID slotId, String accountId, String category, boolean dryRun, Routes routes) {
        return jdbc.sql(ASSIGN)
                .param("slot", slotId)
                .param("account", accountId)
                .param("category", category)
                .param("dryRun", dryRun)
                .param("route", routes.otherwise().route().name())
                .param("reason", routes.otherwise().reason())
                .param("routeIfInteraction", routes.ifInteraction().route().name())
                .param("reasonIfInteraction", routes.ifInteraction().reason())
                .query(MediaPicker::map)
                .optional();
    }

    /**
     * The medium {@link #assign} would choose for a slot of this category if it were dispatched now, without
     * writing anything; {@code excluded} are media taken by earlier slots of the same preview.
     */
    Optional<Pick> preview(String accountId, String category, java.util.Collection<UUID> excluded) {
        return jdbc.sql(PREVIEW)
                .param("account", accountId)
                .param("category", category)
                .param(
                        "excluded",
                        String.join(",", excluded.stream().map(UUID::toString).toList()))
                .query(MediaPicker::map)
                .optional();
    }

    /** The account's route for a medium that needs a person's touch, and for any other. */
    record Routes(RouteDecision ifInteraction, RouteDecision otherwise) {}

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
