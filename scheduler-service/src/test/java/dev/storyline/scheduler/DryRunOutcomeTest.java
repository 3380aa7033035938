package dev.storyline.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storyline.contracts.events.EventEnvelope;
import dev.storyline.contracts.events.PostMethod;
import dev.storyline.contracts.events.PostPublished;
import dev.storyline.scheduler.accounts.Accounts;
import dev.storyline.scheduler.media.MediaIndexer;
import dev.storyline.scheduler.outcomes.OutcomeRecorder;
import dev.storyline.scheduler.schedule.Dispatcher;
import java.awt.Color;
import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/** A post dispatched live is never recorded, nor its medium locked, on the word of a dry-run publish. */
@SchedulerTest(properties = {SchedulerTest.API_ON, SchedulerTest.INSTAGRAM_USER, "storyline.account.dry-run=false"})
class DryRunOutcomeTest {

    private static final Path MEDIA_ROOT = MediaLibrary.newRoot();

    static {
        MediaFiles.storyJpeg(MEDIA_ROOT.resolve("memes/live.jpg"), Color.GREEN);
    }

    @DynamicPropertySource
    static void mediaRoot(DynamicPropertyRegistry registry) {
        registry.add("storyline.scheduler.media-root", MEDIA_ROOT::toString);
    }

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MediaIndexer indexer;

    @Autowired
    Accounts accounts;

    @Autowired
    Dispatcher dispatcher;

    @Autowired
    OutcomeRecorder recorder;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void a_dry_run_publish_of_a_live_post_fails_the_slot_locks_nothing_and_alerts_the_admins() {
        jdbc.sql("update accounts set dry_run = false where id = 'default'").update();
        indexer.index(accounts.find("default").orElseThrow());
        UUID slot = new Slots(jdbc).planned("default", Instant.now().minusSeconds(1));
        dispatcher.dispatchDue();
        assertThat(jdbc.sql("select dispatched_dry_run from slots where id = :id")
                        .param("id", slot)
                        .query(Boolean.class)
                        .single())
                .isFalse();

        transactions.executeWithoutResult(s -> recorder.published(EventEnvelope.forPost(
                "default",
                slot,
                new PostPublished("dry-run-" + slot, null, PostMethod.INSTAGRAM_API, Instant.now(), true))));

        assertThat(new Slots(jdbc).status(slot)).isEqualTo("FAILED");
        assertThat(jdbc.sql("select count(*) from media_locks")
                        .query(Integer.class)
                        .single())
                .isZero();
        assertThat(jdbc.sql("select status || '|' || error from posting_history where post_id = :id")
                        .param("id", slot)
                        .query(String.class)
                        .single())
                .startsWith("FAILED|a dry-run publish answered a live post");
        assertThat(jdbc.sql("select count(*) from outbox where body like '%dry-run-live-post%'")
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
    }
}
