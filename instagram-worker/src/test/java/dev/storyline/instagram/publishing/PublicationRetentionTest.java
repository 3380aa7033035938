package dev.storyline.instagram.publishing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storyline.instagram.InstagramTest;
import dev.storyline.platform.retention.Retention;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@InstagramTest(properties = "storyline.retention.enabled=false")
class PublicationRetentionTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Retention retention;

    @Test
    void finished_publications_older_than_the_period_go_recent_and_unfinished_ones_stay() {
        UUID oldPublished = publication("PUBLISHED", "40 days");
        UUID oldFailed = publication("FAILED", "31 days");
        UUID recent = publication("PUBLISHED", "2 days");
        UUID oldClaimed = publication("CLAIMED", "90 days");

        assertThat(retention.pruneOnce()).containsEntry("publications", 2);

        assertThat(jdbc.sql("select post_id from publications")
                        .query(UUID.class)
                        .list())
                .containsExactlyInAnyOrder(recent, oldClaimed)
                .doesNotContain(oldPublished, oldFailed);
    }

    private UUID publication(String status, String age) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        insert into publications (post_id, account_id, status, story_id, dry_run, created_at, updated_at)
                        values (:id, 'a', :status, case when :status = 'PUBLISHED' then 'story-1' end, true,
                                now() - cast(:age as interval), now() - cast(:age as interval))
                        """).param("id", id).param("status", status).param("age", age).update();
        return id;
    }
}
