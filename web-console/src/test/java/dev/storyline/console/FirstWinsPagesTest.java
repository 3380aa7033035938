package dev.storyline.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The manual-posts page follows decisions taken on Telegram and tells Telegram where its own were taken; the
 * accounts page and the calendar show the gradual roll-out (posts a day through the API).
 */
@ConsolePageTest
class FirstWinsPagesTest {

    private static final UUID WAITING = UUID.fromString("5036ac1f-2354-4846-a1f4-fbf710089f53");

    @Autowired
    FakeSchedulerApi scheduler;

    @SignedIn
    WebSession admin;

    @BeforeEach
    void openManualPosts() {
        admin.get("/manual");
    }

    @Test
    void the_list_polls_every_five_seconds_only_while_the_tab_is_shown() {
        String page = admin.get("/manual").body();
        assertThat(page)
                .contains("hx-get=\"/fragments/manual\"")
                .contains("every 5s [document.visibilityState === 'visible']")
                .contains("visibilitychange");
    }

    @Test
    void a_post_decided_on_telegram_leaves_the_list_at_the_next_poll() {
        assertThat(admin.getFragment("/fragments/manual").body()).contains("post-" + WAITING);

        scheduler.resolvedElsewhere(WAITING, "@mia");

        String list = admin.getFragment("/fragments/manual").body();
        assertThat(list).doesNotContain("post-" + WAITING).contains("Nothing is waiting for a person.");
    }

    @Test
    void a_decision_here_tells_the_scheduler_who_and_that_it_came_from_the_web_console() {
        admin.htmxPost("/manual/default/" + WAITING + "/resolve", Map.of("action", "posted"));
        assertThat(scheduler.calls("POST", "/resolve"))
                .singleElement()
                .satisfies(c -> assertThat(c.body())
                        .contains("\"by\":\"" + ConsoleTestSetup.ADMIN + "\"")
                        .contains("\"via\":\"web-console\""));
    }

    @Test
    void the_accounts_page_shows_how_many_posts_a_day_may_go_through_the_api() {
        assertThat(admin.get("/accounts").body())
                .contains("Through the API")
                .contains("at most 2 a day, the rest go to Telegram");
    }

    @Test
    void the_calendar_says_a_slot_went_to_telegram_because_the_days_api_posts_were_used() {
        assertThat(admin.get("/calendar?account=default&week=2026-06-03").body())
                .contains(">waiting for a person<")
                .contains("The day&#39;s posts through the API were used up (gradual roll-out limit).");
    }
}
