package dev.storyline.upload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storyline.platform.retention.Retention;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@UploadTest(properties = {"server.port=0", "storyline.retention.enabled=false"})
class UploadRetentionTest {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        Path media = Files.createTempDirectory("storyline-upload-retention");
        registry.add("MEDIA_ROOT", media::toString);
        registry.add("CLOUD_STORAGE_PROVIDER", () -> "local");
        registry.add("LOCAL_STORAGE_PUBLIC_BASE_URL", () -> "http://127.0.0.1:1/");
        registry.add("LOCAL_STORAGE_SIGNING_KEY", () -> "upload-retention-test-signing-key-0123456789");
        registry.add("LOCAL_STORAGE_DIR", () -> media.resolve("hosted").toString());
    }

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Retention retention;

    @Test
    void uploads_whose_copy_is_gone_go_after_the_period_live_copies_and_recent_rows_stay() {
        UUID oldDeleted = hosted("40 days", "35 days");
        UUID recentDeleted = hosted("3 days", "2 days");
        UUID oldLive = hosted("60 days", null);
        UUID oldFailed = failed("45 days");

        assertThat(retention.pruneOnce()).containsEntry("uploads", 2);

        assertThat(jdbc.sql("select post_id from uploads").query(UUID.class).list())
                .containsExactlyInAnyOrder(recentDeleted, oldLive)
                .doesNotContain(oldDeleted, oldFailed);
    }

    private UUID hosted(String age, String deletedAge) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        insert into uploads (post_id, account_id, provider, public_id, media_path, mime_type, url, expires_at,
                                             hosted_event_id, created_at, deleted_at, status)
                        values (:id, 'a', 'local', :public, 'memes/a.jpg', 'image/jpeg', 'http://x/a.jpg', now(), :event,
                                now() - cast(:age as interval), now() - cast(:deleted as interval), 'HOSTED')
                        """)
                .param("id", id)
                .param("public", UUID.randomUUID().toString())
                .param("event", UUID.randomUUID())
                .param("age", age)
                .param("deleted", deletedAge)
                .update();
        return id;
    }

    private UUID failed(String age) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        insert into uploads (post_id, account_id, media_path, mime_type, created_at, status, failure)
                        values (:id, 'a', 'memes/b.jpg', 'image/jpeg', now() - cast(:age as interval), 'FAILED', 'too big')
                        """).param("id", id).param("age", age).update();
        return id;
    }
}
