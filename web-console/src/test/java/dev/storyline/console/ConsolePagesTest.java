package dev.storyline.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The pages against the scheduler's API at the wire: what they show, what they send, and how they speak
 * when the scheduler refuses or is gone.
 */
@ConsolePageTest
class ConsolePagesTest {

    private static final UUID WAITING = UUID.fromString("5036ac1f-2354-4846-a1f4-fbf710089f53");
    private static final String RESOLVE = "/manual/default/" + WAITING + "/resolve";

    @Autowired
    FakeSchedulerApi scheduler;

    @SignedIn
    WebSession admin;

    @BeforeEach
    void readAPage() {
        // the CSRF token changes at sign-in: read a page first, as a browser would
        admin.get("/manual");
    }

    @Test
    void the_calendar_shows_each_slot_at_its_local_time_with_its_status_in_words() {
        String page = admin.get("/calendar?account=default&week=2026-06-03").body();
        assertThat(page).contains("1 Jun 2026 – 7 Jun 2026").contains("Asia/Tokyo");
        assertThat(page).contains("10:30").contains("status-planned").contains(">planned<");
        assertThat(page)
                .contains("09:00")
                .contains("status-published")
                .contains(">published<")
                .contains("cat-in-a-box.jpg")
                .contains("memes");
        assertThat(page).contains(">posted by hand<").contains("by mia@example.com");
        assertThat(scheduler.calls("GET", "/slots"))
                .singleElement()
                .satisfies(c -> assertThat(c.query()).isEqualTo("from=2026-06-01&to=2026-06-07"));
        assertThat(page).contains("week=2026-05-25").contains("week=2026-06-08");
    }

    @Test
    void resolving_a_manual_post_sends_the_signed_in_users_email_as_by() {
        String list = admin.get("/manual").body();
        assertThat(list)
                .contains("sticker-pack.jpg")
                .contains("Posting through the Instagram API is off")
                .contains("Reject");
        WebSession.Page answer = admin.htmxPost(RESOLVE, Map.of("action", "posted"));
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.header("HX-Trigger")).isEqualTo("manual-changed");
        assertThat(answer.body()).contains("Done").contains("by admin@example.com");
        assertThat(scheduler.calls("POST", "/resolve"))
                .singleElement()
                .satisfies(c -> assertThat(c.body())
                        .contains("\"action\":\"posted\"")
                        .contains("\"by\":\"admin@example.com\""));
        assertThat(admin.getFragment("/fragments/manual").body())
                .doesNotContain("sticker-pack.jpg")
                .contains("Nothing is waiting for a person");
    }

    @Test
    void a_later_decision_shows_the_schedulers_answer_that_the_first_one_counts() {
        scheduler.resolvedElsewhere(WAITING, "mia");
        WebSession.Page answer = admin.htmxPost(RESOLVE, Map.of("action", "skipped"));
        assertThat(answer.body())
                .contains("someone decided first")
                .contains("by mia")
                .contains("the first one counts");
    }

    @Test
    void a_refusal_is_shown_in_plain_words_and_never_as_java() {
        scheduler.failNext(400, "java.lang.IllegalStateException: boom at dev.storyline.scheduler.Foo");
        WebSession.Page answer = admin.htmxPost(RESOLVE, Map.of("action", "rejected"));
        assertThat(answer.body())
                .contains("The scheduler did not accept this request.")
                .doesNotContain("java.")
                .doesNotContain("Exception")
                .doesNotContain("dev.storyline");
        // without htmx the same answer comes back on the page after a redirect
        scheduler.failNext(409, "nothing to post for 'default': no active, valid medium");
        WebSession.Page redirect = admin.post("/accounts/default/post-next", Map.of());
        assertThat(redirect.location()).endsWith("/accounts");
        assertThat(admin.get("/accounts").body()).contains("Not changed: nothing to post for");
    }

    @Test
    void the_history_lists_each_entry_at_its_local_time_with_its_outcome_in_words() {
        String page = admin.get("/history?account=default").body();
        assertThat(page).contains("Asia/Tokyo").contains("aria-current=\"page\">History</a>");
        assertThat(page)
                .contains("2026-06-02 09:00")
                .contains("published by the API (Story 17999000111)")
                .contains("Instagram API")
                .contains("cat-in-a-box.jpg");
        assertThat(page)
                .contains("2026-06-02 08:00")
                .contains("posted by hand by mia@example.com")
                .contains("by hand (Telegram)");
        assertThat(page).contains("rejected by tom@example.com");
        assertThat(page).contains("failed: =HYPERLINK(&quot;http://evil.example&quot;)");
        assertThat(page).contains(">missed<").contains("the scheduler was down");
        assertThat(page).contains("/history.csv?account=default");
        assertThat(scheduler.calls("GET", "/history")).singleElement().satisfies(c -> {
            assertThat(c.path()).isEqualTo("/api/accounts/default/history");
            assertThat(c.query()).isEqualTo("limit=51&offset=0");
        });
    }

    @Test
    void the_history_pages_fifty_entries_at_a_time_through_the_apis_offset() {
        scheduler.olderHistory(100); // 105 entries: pages of 50, 50 and 5
        String first = admin.get("/history?account=default").body();
        assertThat(first).contains("/history?account=default&amp;page=2").doesNotContain("rel=\"prev\"");
        assertThat(first).contains("older-44.jpg").doesNotContain("older-45.jpg");

        String third = admin.get("/history?account=default&page=3").body();
        assertThat(third)
                .contains("/history?account=default&amp;page=2")
                .doesNotContain("rel=\"next\"")
                .contains("older-99.jpg")
                .doesNotContain("older-94.jpg");
        assertThat(scheduler.calls("GET", "/history"))
                .extracting(FakeSchedulerApi.Call::query)
                .containsExactly("limit=51&offset=0", "limit=51&offset=100");

        assertThat(admin.get("/history?account=default&page=zero").body())
                .contains("is not a page number")
                .contains("cat-in-a-box.jpg");
    }

    @Test
    void the_history_csv_is_an_attachment_with_a_header_quoted_fields_and_no_formulas() {
        scheduler.olderHistory(600); // more than one of the API's largest pages
        WebSession.Page csv = admin.get("/history.csv?account=default");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        assertThat(csv.header("Content-Disposition")).startsWith("attachment").contains("history-default.csv");
        String[] lines = csv.body().split("\r\n");
        assertThat(lines[0])
                .isEqualTo(
                        "\"local time\",\"timezone\",\"status\",\"outcome\",\"medium\",\"route\",\"reason\",\"post id\"");
        assertThat(lines).hasSize(1 + 605);
        assertThat(lines[1]).startsWith("\"2026-06-02 09:00\",\"Asia/Tokyo\",\"PUBLISHED\",\"published by the API");
        assertThat(lines[2]).contains("\"hoodie, \"\"XL\"\".png\"");
        assertThat(lines[4])
                .contains(",\"failed: =HYPERLINK(\"\"http://evil.example\"\")\",")
                .contains(",\"'=HYPERLINK(\"\"http://evil.example\"\")\",");
        assertThat(scheduler.calls("GET", "/history"))
                .extracting(FakeSchedulerApi.Call::query)
                .containsExactly("limit=500&offset=0", "limit=500&offset=500");
    }

    @Test
    void the_history_csv_says_in_plain_words_when_the_scheduler_is_down() {
        scheduler.down(true);
        WebSession.Page csv = admin.get("/history.csv?account=default");
        assertThat(csv.status()).isEqualTo(503);
        assertThat(csv.body()).contains("Scheduler not reachable").doesNotContain("Exception");
    }

    @Test
    void the_history_shows_the_schedulers_refusal_in_plain_words() {
        scheduler.failNext(404, "no account 'default'");
        // the refusal hits the accounts call: the page renders with the words and no table
        String page = admin.get("/history?account=default").body();
        assertThat(page).contains("no account &#39;default&#39;").contains("Sign out");
    }

    @Test
    void with_the_scheduler_down_every_page_still_renders_with_a_banner() {
        scheduler.down(true);
        for (String path : new String[] {"/calendar", "/manual", "/accounts", "/history"}) {
            WebSession.Page page = admin.get(path);
            assertThat(page.status()).as(path).isEqualTo(200);
            assertThat(page.body())
                    .as(path)
                    .contains("Scheduler not reachable")
                    .contains("Sign out")
                    .doesNotContain("Exception");
        }
        assertThat(admin.getFragment("/fragments/manual").body()).contains("Scheduler not reachable");
        assertThat(admin.htmxPost(RESOLVE, Map.of("action", "posted")).body())
                .contains("Not changed: The scheduler is not reachable");
    }

    @Test
    void an_admin_pauses_and_resumes_an_account_choosing_what_happens_to_overdue_posts() {
        assertThat(admin.get("/accounts").body()).contains(">Pause<").contains("Post next now");
        WebSession.Page paused = admin.htmxPost("/accounts/default/pause", Map.of());
        assertThat(paused.body()).contains("Paused default").contains("Resume").contains("reschedule them");
        WebSession.Page resumed = admin.htmxPost("/accounts/default/resume", Map.of("overdue", "reschedule"));
        assertThat(resumed.body()).contains("Resumed default: 2 overdue posts rescheduled");
        assertThat(scheduler.calls("POST", "/resume"))
                .singleElement()
                .satisfies(c -> assertThat(c.query()).isEqualTo("overdue=reschedule"));
        assertThat(admin.htmxPost("/accounts/default/resume", Map.of("overdue", "later"))
                        .body())
                .contains("Choose what happens to overdue posts");
    }

    @Test
    void the_accounts_page_shows_fifty_accounts_a_page_and_an_action_brings_back_the_page_of_its_account() {
        for (int i = 1; i <= 120; i++) {
            String id = "brand-%03d".formatted(i);
            Map<String, Object> account = new java.util.LinkedHashMap<>(Map.of(
                    "id",
                    id,
                    "displayName",
                    "Brand " + i,
                    "timezone",
                    "UTC",
                    "postsPerDay",
                    6,
                    "windowStartHour",
                    9,
                    "windowEndHour",
                    21));
            account.put("warnings", java.util.List.of());
            scheduler.accountRoutes().list(id, account);
        }

        String first = admin.get("/accounts").body();
        assertThat(cards(first)).isEqualTo(50);
        assertThat(first).contains("Accounts 1–50 of 121").contains("page=2").doesNotContain("rel=\"prev\"");
        String last = admin.get("/accounts?page=3").body();
        assertThat(cards(last)).isEqualTo(21);
        assertThat(last).contains("Accounts 101–121 of 121").doesNotContain("rel=\"next\"");
        // a page past the end shows the last one; a page that is not a number the first
        assertThat(cards(admin.get("/accounts?page=99").body())).isEqualTo(21);
        assertThat(cards(admin.get("/accounts?page=-1%27").body())).isEqualTo(50);
        for (String id : new String[] {"brand-001", "brand-060", "brand-120"}) {
            assertThat(admin.htmxPost("/accounts/" + id + "/pause", Map.of()).body())
                    .as(id)
                    .contains("id=\"account-" + id + "\"");
        }
    }

    private static int cards(String page) {
        return page.split("class=\"card\"", -1).length - 1;
    }
}
