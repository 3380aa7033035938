package dev.storyline.scheduler.media;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.util.List;
import java.util.UUID;

/** Read side of the library for the admin API. */
@Repository
public class MediaLibrary {

    public record Item(UUID id, String path, String category, String mimeType, long sizeBytes, Integer width,
                       Integer height, boolean valid, List<String> validationErrors, List<String> validationWarnings,
                       boolean requiresInteraction, boolean active) {
    }

    private final JdbcClient jdbc;

    public MediaLibrary(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<Item> list(String accountId) {
        return jdbc.sql("""
                        select id, path, category, mime_type, size_bytes, width, height, valid, validation_errors,
                               validation_warnings, requires_interaction, active
                        from media_items where account_id = :account order by category, path
                        """)
                .param("account", accountId)
                .query((rs, n) -> new Item(rs.getObject("id", UUID.class), rs.getString("path"), rs.getString("category"),
                        rs.getString("mime_type"), rs.getLong("size_bytes"), (Integer) rs.getObject("width"),
                        (Integer) rs.getObject("height"), rs.getBoolean("valid"),
                        List.of((String[]) rs.getArray("validation_errors").getArray()),
                        List.of((String[]) rs.getArray("validation_warnings").getArray()),
                        rs.getBoolean("requires_interaction"), rs.getBoolean("active")))
                .list();
    }
}
