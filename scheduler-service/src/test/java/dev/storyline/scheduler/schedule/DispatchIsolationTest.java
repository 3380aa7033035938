package dev.storyline.scheduler.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storyline.scheduler.LibraryTest;
import dev.storyline.scheduler.MediaFiles;
import dev.storyline.scheduler.SchedulerTest;
import dev.storyline.scheduler.Slots;
import dev.storyline.scheduler.accounts.Account;
import dev.storyline.scheduler.media.MediaLibrary;
import java.awt.Color;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** One slot that cannot be dispatched must never hold back the others, of its account or any other. */
@SchedulerTest(properties = {SchedulerTest.API_ON, SchedulerTest.INSTAGRAM_USER, SchedulerTest.DRY_RUN})
class DispatchIsolationTest extends LibraryTest {

    @Autowired
    MediaLibrary mediaLibrary;

    @Autowired
    UpcomingPosts queue;

    @BeforeEach
    void anotherAccountAndNothingSent() {
        jdbc.sql("delete from outbox").update();
        jdbc.sql("update accounts set paused = false").update();
        accounts.upsert(new Account(
                "other", "Other", "17841400001", true, true, true, false, "elsewhere", 6, 9, 21, "UTC", 0, null, null));
    }

    @Test
    void a_file_name_with_dots_inside_it_is_indexed_as_valid_and_posted() {
        MediaFiles.storyJpeg(MEDIA_ROOT.resolve("memes/wow...jpg"), Color.RED);
        indexer.index(accounts.find("default").orElseThrow());
        UUID slot = dueSlot("default", Instant.now().minusSeconds(5));

        dispatcher.dispatchDue();

        assertThat(status(slot)).isEqualTo("DISPATCHED");
        assertThat(jdbc.sql("select body from outbox where event_type = 'PostRequested'")
                        .query(String.class)
                        .single())
                .contains("\"mediaPath\":\"memes/wow...jpg\"");
    }

    @Test
    void a_slot_whose_medium_cannot_be_sent_fails_alone_and_another_accounts_slot_is_still_dispatched() {
        UUID poison = media("default", "memes/../escape.jpg", "1");
        media("other", "elsewhere/memes/fine.jpg", "2");
        UUID poisoned = dueSlot("default", Instant.now().minusSeconds(20));
        UUID healthy = dueSlot("other", Instant.now().minusSeconds(10));

        dispatcher.dispatchDue();

        assertThat(status(healthy)).isEqualTo("DISPATCHED");
        assertThat(status(poisoned)).isEqualTo("FAILED");
        assertThat(note(poisoned)).contains("'..' segment");
        assertThat(jdbc.sql("select valid from media_items where id = :id")
                        .param("id", poison)
                        .query(Boolean.class)
                        .single())
                .as("the medium at fault is set aside, so the account's next slot picks another")
                .isFalse();
        assertThat(jdbc.sql("select body from outbox where event_type = 'AdminAlert'")
                        .query(String.class)
                        .single())
                .contains(poisoned.toString());
        assertThat(jdbc.sql("select count(*) from outbox where event_type = 'PostRequested'")
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void after_a_slot_fails_on_its_medium_the_accounts_next_slot_posts_another_one() {
        media("default", "memes/../escape.jpg", "1");
        UUID good = media("default", "memes/good.jpg", "4");
        UUID failed = dueSlot("default", Instant.now().minusSeconds(20));
        UUID next = dueSlot("default", Instant.now().minusSeconds(10));

        dispatcher.dispatchDue();

        assertThat(status(failed)).isEqualTo("FAILED");
        assertThat(status(next)).isEqualTo("DISPATCHED");
        assertThat(jdbc.sql("select media_id from slots where id = :id")
                        .param("id", next)
                        .query(UUID.class)
                        .single())
                .isEqualTo(good);
    }

    @Test
    void a_forced_slot_with_a_poisoned_medium_does_not_block_dispatch_for_other_accounts() {
        jdbc.sql("update accounts set paused = true where id = 'default'").update();
        media("default", "memes/../escape.jpg", "1");
        media("other", "elsewhere/memes/fine.jpg", "2");
        UUID forced = queue.postNextNow("default");
        dispatcher.dispatchDue();
        UUID later = dueSlot("other", Instant.now().minusSeconds(1));

        dispatcher.dispatchDue();

        assertThat(status(forced)).isEqualTo("FAILED");
        assertThat(status(later)).isEqualTo("DISPATCHED");
    }

    @Test
    void a_null_tag_set_through_the_admin_api_is_dropped_and_the_post_goes_out() {
        MediaFiles.storyJpeg(MEDIA_ROOT.resolve("memes/tagged.jpg"), Color.BLUE);
        indexer.index(accounts.find("default").orElseThrow());
        UUID medium = jdbc.sql("select id from media_items").query(UUID.class).single();
        mediaLibrary.setFlags(
                "default", medium, new MediaLibrary.Flags(null, null, null, null, Arrays.asList("cats", null)));
        UUID slot = dueSlot("default", Instant.now().minusSeconds(5));

        dispatcher.dispatchDue();

        assertThat(status(slot)).isEqualTo("DISPATCHED");
        assertThat(jdbc.sql("select body from outbox where event_type = 'PostRequested'")
                        .query(String.class)
                        .single())
                .contains("\"tags\":[\"cats\"]");
    }

    @Test
    void a_null_already_stored_in_a_tag_list_does_not_stop_posting() {
        UUID medium = media("default", "memes/old.jpg", "3");
        jdbc.sql("update media_items set tags = array['old', null] where id = :id")
                .param("id", medium)
                .update();
        UUID slot = dueSlot("default", Instant.now().minusSeconds(5));

        dispatcher.dispatchDue();

        assertThat(status(slot)).isEqualTo("DISPATCHED");
    }

    /** A library row written directly: the dispatcher never opens the file, and a bad path stands for any failure. */
    private UUID media(String account, String path, String seed) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        insert into media_items (id, account_id, path, category, sha256, mime_type, size_bytes, valid)
                        values (:id, :account, :path, 'memes', :sha, 'image/jpeg', 1000, true)
                        """)
                .param("id", id)
                .param("account", account)
                .param("path", path)
                .param("sha", HexFormat.of().formatHex(new byte[32]).substring(1) + seed)
                .update();
        return id;
    }

    private UUID dueSlot(String account, Instant at) {
        return new Slots(jdbc).planned(account, at);
    }

    private String status(UUID slot) {
        return new Slots(jdbc).status(slot);
    }

    private String note(UUID slot) {
        return jdbc.sql("select note from slots where id = :id")
                .param("id", slot)
                .query(String.class)
                .single();
    }
}
