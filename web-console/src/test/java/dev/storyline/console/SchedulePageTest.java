package dev.storyline.console;

import static dev.storyline.console.ConsoleTestSetup.MEMBER;
import static dev.storyline.console.ConsoleTestSetup.MEMBER_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The Mix-and-schedule page against the scheduler's API at the wire: every change it sends, every mistake
 * named next to its field (the console's own checks and the scheduler's refusals), and who may change what.
 */
@ConsolePageTest(member = true)
class SchedulePageTest {

    private static final String PAGE = "/accounts/default/schedule";

    @Autowired
    FakeSchedulerApi scheduler;

    @LocalServerPort
    int port;

    @SignedIn
    WebSession admin;

    @BeforeEach
    void openThePage() {
        admin.get(PAGE);
        scheduler.reset();
    }

    private static Map<String, String> mix(String memes, String merch, String pets) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("mix.memes", memes);
        form.put("mix.merch", merch);
        form.put("mix.pets", pets);
        return form;
    }

    private static Map<String, String> settings(String start, String end, String zone, String posts, String jitter) {
        return Map.of(
                "windowStartHour", start,
                "windowEndHour", end,
                "timezone", zone,
                "postsPerDay", posts,
                "jitterMinutes", jitter);
    }

    @Test
    void the_page_shows_one_row_per_category_the_mix_history_and_the_plan() {
        String page = admin.get(PAGE).body();
        assertThat(page).contains("Mix and schedule of <span>Demo brand</span>");
        assertThat(page).containsPattern("name=\"mix.memes\"[^>]*value=\"60\"");
        assertThat(page).containsPattern("name=\"mix.merch\"[^>]*value=\"40\"");
        assertThat(page).containsPattern("name=\"mix.pets\"[^>]*value=\"0\"");
        assertThat(page)
                .contains("memes 60 %, merch 40 %")
                .contains("memes 100 %")
                .contains("setup");
        assertThat(page).contains("2026-04-01 08:00 UTC");
        assertThat(page).containsPattern("id=\"windowStartHour\"[^>]*value=\"9\"");
        assertThat(page).containsPattern("id=\"timezone\"[^>]*value=\"Asia/Tokyo\"");
        assertThat(page).containsPattern("id=\"account-state\"[^>]*>running<");
        assertThat(admin.get("/accounts").body()).contains("href=\"/accounts/default/schedule\"");
    }

    @Test
    void a_valid_mix_is_sent_with_the_signed_in_users_email_and_zero_shares_left_out() {
        WebSession.Page saved = admin.post(PAGE + "/mix", mix("50", "50", "0"));
        assertThat(saved.location()).endsWith(PAGE);
        assertThat(admin.get(PAGE).body()).contains("Mix saved: memes 50 %, merch 50 %.");
        assertThat(scheduler.calls("PUT", "/category-mix"))
                .singleElement()
                .satisfies(c -> assertThat(c.body())
                        .isEqualTo("{\"ratios\":{\"memes\":50,\"merch\":50},\"changedBy\":\"admin@example.com\"}"));
    }

    @Test
    void mix_mistakes_are_named_next_to_their_field_and_nothing_is_sent() {
        String page = admin.post(PAGE + "/mix", mix("50", "abc", "101")).body();
        assertThat(page).containsPattern("id=\"mix-merch-error\">Enter a whole number from 0 to 100");
        assertThat(page).containsPattern("id=\"mix-pets-error\">Enter a whole number from 0 to 100");
        assertThat(page).containsPattern("id=\"mix-merch\"[^>]*value=\"abc\"[^>]*aria-invalid=\"true\"");
        assertThat(page).doesNotContain("id=\"mix-memes-error\"");

        page = admin.post(PAGE + "/mix", mix("50", "30", "")).body();
        assertThat(page)
                .contains("id=\"mix-error\"")
                .contains("The percentages add up to 80; they must add up to exactly 100.");

        page = admin.post(PAGE + "/mix", mix("-5", "2.5", "100")).body();
        assertThat(page).contains("id=\"mix-memes-error\"").contains("id=\"mix-merch-error\"");

        Map<String, String> hostile = mix("0", "0", "0");
        hostile.put("mix.<script>", "100");
        page = admin.post(PAGE + "/mix", hostile).body();
        assertThat(page)
                .contains("is not a category of this account&#39;s library (it has: memes, merch, pets).")
                .doesNotContain("<script>");
        assertThat(scheduler.calls("PUT", "/category-mix")).isEmpty();
    }

    @Test
    void the_schedulers_refusal_of_a_mix_is_shown_next_to_the_category_it_names() {
        String page = admin.post(PAGE + "/mix", mix("50", "0", "50")).body();
        assertThat(page)
                .containsPattern("id=\"mix-pets-error\">The scheduler did not accept this; allowed: a category of the"
                        + " library: memes, merch.");
        assertThat(page).containsPattern("name=\"mix.pets\"[^>]*value=\"50\"");
        assertThat(scheduler.calls("PUT", "/category-mix")).hasSize(1);
    }

    @Test
    void the_plan_is_changed_through_the_account_patch() {
        WebSession.Page saved = admin.post(PAGE + "/settings", settings("20", "2", "Europe/Berlin", "4", "15"));
        assertThat(saved.location()).endsWith(PAGE);
        assertThat(admin.get(PAGE).body())
                .contains("Settings saved: 4 posts a day from 20 h to 2 h Europe/Berlin, jitter 15 min.");
        assertThat(scheduler.calls("PATCH", "/api/accounts/default"))
                .singleElement()
                .satisfies(c -> assertThat(c.body())
                        .contains("\"windowStartHour\":20")
                        .contains("\"windowEndHour\":2")
                        .contains("\"timezone\":\"Europe/Berlin\"")
                        .contains("\"postsPerDay\":4")
                        .contains("\"jitterMinutes\":15"));
        assertThat(scheduler.ops().plan()).containsEntry("timezone", "Europe/Berlin");
    }

    @Test
    void plan_mistakes_are_named_next_to_their_field_and_nothing_is_sent() {
        String page = admin.post(PAGE + "/settings", settings("25", "x", "+09:00", "-1", "121"))
                .body();
        assertThat(page).containsPattern("id=\"windowStartHour-error\">Enter an hour from 0 to 23");
        assertThat(page).containsPattern("id=\"windowEndHour-error\">Enter an hour from 0 to 24");
        assertThat(page).containsPattern("id=\"timezone-error\">Enter an IANA time zone");
        assertThat(page).containsPattern("id=\"postsPerDay-error\">Enter a whole number from 0 to 100");
        assertThat(page).containsPattern("id=\"jitterMinutes-error\">Enter a whole number of minutes from 0 to 120");
        assertThat(page).containsPattern("id=\"timezone\"[^>]*value=\"\\+09:00\"");
        assertThat(scheduler.calls("PATCH", "/api/accounts")).isEmpty();
    }

    @Test
    void the_schedulers_refusal_of_a_window_is_shown_by_the_window_fields() {
        String page = admin.post(PAGE + "/settings", settings("10", "10", "UTC", "6", "0"))
                .body();
        assertThat(page)
                .containsPattern(
                        "id=\"window-error\"[^>]*>The scheduler did not accept this; allowed: two different hours");
        assertThat(scheduler.calls("PATCH", "/api/accounts")).hasSize(1);
    }

    @Test
    void pause_then_resume_with_the_overdue_choice() {
        assertThat(admin.post(PAGE + "/pause", Map.of()).location()).endsWith(PAGE);
        String paused = admin.get(PAGE).body();
        assertThat(paused).contains("Paused: nothing is posted until the account is resumed.");
        assertThat(paused).containsPattern("id=\"account-state\"[^>]*>paused<");

        assertThat(admin.post(PAGE + "/resume", Map.of()).location()).endsWith(PAGE);
        assertThat(admin.get(PAGE).body())
                .contains("id=\"overdue-error\"")
                .contains("Choose what happens to the overdue");
        assertThat(scheduler.calls("POST", "/resume")).isEmpty();

        admin.post(PAGE + "/resume", Map.of("overdue", "reschedule"));
        String resumed = admin.get(PAGE).body();
        assertThat(resumed).contains("Resumed: 2 overdue posts rescheduled a few minutes apart.");
        assertThat(resumed).containsPattern("id=\"account-state\"[^>]*>running<");
        assertThat(scheduler.calls("POST", "/pause")).hasSize(1);
        assertThat(scheduler.calls("POST", "/resume"))
                .singleElement()
                .satisfies(c -> assertThat(c.query()).isEqualTo("overdue=reschedule"));
    }

    @Test
    void post_next_now_sends_it_and_a_refusal_is_said_in_plain_words() {
        admin.post(PAGE + "/post-next", Map.of());
        assertThat(admin.get(PAGE).body()).contains("The next post goes out now");
        scheduler.failNext(409, "nothing to post for 'default': no active, valid medium");
        admin.post(PAGE + "/post-next", Map.of());
        assertThat(admin.get(PAGE).body()).contains("Not changed: nothing to post for &#39;default&#39;");
        assertThat(scheduler.calls("POST", "/post-next")).hasSize(2);
    }

    @Test
    void an_unknown_account_or_an_unreachable_scheduler_is_a_clear_message() {
        assertThat(admin.get("/accounts/nobody/schedule").body())
                .contains("no account &#39;nobody&#39;")
                .doesNotContain("mix-form");
        scheduler.down(true);
        String page = admin.get(PAGE).body();
        assertThat(page).contains("Scheduler not reachable.").doesNotContain("Exception");
        assertThat(admin.post(PAGE + "/mix", mix("50", "50", "0")).body()).contains("Scheduler not reachable.");
    }

    @Test
    void a_member_reads_the_page_without_controls_and_cannot_change_anything() {
        WebSession member = new WebSession(port);
        member.signIn(MEMBER, MEMBER_PASSWORD);
        String page = member.get(PAGE).body();
        assertThat(page).contains("memes 60 %, merch 40 %").contains("<fieldset disabled");
        assertThat(page)
                .doesNotContain("id=\"save-mix\"")
                .doesNotContain("id=\"pause\"")
                .doesNotContain("id=\"save-settings\"");
        for (String action : new String[] {"/mix", "/settings", "/pause", "/resume", "/post-next"}) {
            assertThat(member.post(PAGE + action, mix("50", "50", "0")).status())
                    .as(action)
                    .isEqualTo(403);
        }
        assertThat(scheduler.calls("PUT", "/")).isEmpty();
        assertThat(scheduler.calls("PATCH", "/")).isEmpty();
        assertThat(scheduler.calls("POST", "/")).isEmpty();
    }
}
