package dev.storyline.scheduler.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.storyline.platform.admin.AdminApiErrors.BadInput;
import dev.storyline.scheduler.LibraryTest;
import dev.storyline.scheduler.MediaFiles;
import dev.storyline.scheduler.SchedulerTest;
import dev.storyline.scheduler.accounts.AccountRequests.AccountChange;
import dev.storyline.scheduler.accounts.AccountService;
import java.awt.Color;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Gradual roll-out: at most N slots of a local day go through the Graph API, the rest to Telegram. */
@SchedulerTest(properties = {SchedulerTest.API_ON, SchedulerTest.INSTAGRAM_USER, SchedulerTest.DRY_RUN})
class RolloutLimitTest extends LibraryTest {

    private static final Color[] COLORS = {
        Color.ORANGE, Color.PINK, Color.CYAN, Color.GREEN, Color.MAGENTA, Color.YELLOW, Color.BLUE, Color.RED
    };

    @Autowired
    AccountService service;

    @BeforeEach
    void media() {
        // each test counts its own day's slots from nothing
        jdbc.sql("delete from posting_history").update();
        jdbc.sql("delete from slots").update();
        for (int i = 0; i < COLORS.length; i++) {
            MediaFiles.storyJpeg(MEDIA_ROOT.resolve("memes/rollout-" + i + ".jpg"), COLORS[i]);
        }
        library.index();
    }

    /** As PATCH /api/accounts/default with {"apiPostsPerDay": value} does. */
    private void patch(Object apiPostsPerDay) {
        service.change(
                "default",
                new AccountChange(null, null, null, null, null, null, null, null, null, null, apiPostsPerDay, null));
    }

    private String dispatchOne(int secondsAgo) {
        UUID slot = library.insertDueSlot(Instant.now().minusSeconds(secondsAgo));
        dispatcher.dispatchDue();
        return library.route(slot);
    }

    @Test
    void with_one_api_post_a_day_the_first_slot_goes_to_the_api_and_the_second_to_telegram_until_the_next_day() {
        patch(1);
        assertThat(accounts.find("default").orElseThrow().apiPostsPerDay()).isEqualTo(1);

        assertThat(dispatchOne(3)).isEqualTo("AUTO|api_enabled");
        assertThat(dispatchOne(2)).isEqualTo("MANUAL|rollout_limit");

        // the next local day: the slots dispatched today become yesterday's (only those: a planned slot of
        // tomorrow moved to today could fall due now and take the day's one API post before the test's slot)
        jdbc.sql("update slots set slot_at = slot_at - interval '1 day' "
                        + "where account_id = 'default' and dispatched_at is not null")
                .update();
        assertThat(dispatchOne(1)).isEqualTo("AUTO|api_enabled");
    }

    @Test
    void a_patch_changes_the_limit_and_none_lifts_it() {
        patch(0);
        assertThat(dispatchOne(4)).isEqualTo("MANUAL|rollout_limit");
        patch("None");
        assertThat(accounts.find("default").orElseThrow().apiPostsPerDay()).isNull();
        assertThat(dispatchOne(3)).isEqualTo("AUTO|api_enabled");
        assertThat(dispatchOne(2)).isEqualTo("AUTO|api_enabled");
        patch(2);
        assertThat(dispatchOne(1)).isEqualTo("MANUAL|rollout_limit");
    }

    @Test
    void a_limit_out_of_range_is_refused_naming_the_field_and_what_is_allowed() {
        assertThatThrownBy(() -> patch(101))
                .isInstanceOf(BadInput.class)
                .hasMessageContaining("apiPostsPerDay")
                .hasMessageContaining("0 to 100");
        assertThatThrownBy(() -> patch("lots"))
                .isInstanceOf(BadInput.class)
                .hasMessageContaining("apiPostsPerDay")
                .hasMessageContaining("none for no limit");
        assertThatThrownBy(() -> patch(-1)).isInstanceOf(BadInput.class);
    }
}
