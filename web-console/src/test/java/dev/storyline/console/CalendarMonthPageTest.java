package dev.storyline.console;

import static dev.storyline.console.ConsoleTestSetup.MEMBER;
import static dev.storyline.console.ConsoleTestSetup.MEMBER_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The calendar's month view and the week view's preview of the next picks, against the scheduler at the wire. */
@ConsolePageTest(member = true)
class CalendarMonthPageTest {

    @Autowired
    FakeSchedulerApi scheduler;

    @LocalServerPort
    int port;

    @SignedIn
    WebSession admin;

    @Test
    void the_month_view_lists_every_day_of_the_month_monday_first_with_its_slot_counts_by_status() {
        WebSession.Page page = admin.get("/calendar?view=month&account=default&month=2026-12");

        assertThat(page.status()).isEqualTo(200);
        String body = page.body();
        assertThat(body).contains("December 2026").contains("Asia/Tokyo");
        // 1 December 2026 is a Tuesday: the grid opens on Monday 30 November, a padding day without counts
        assertThat(days(body, "data-date=\"2026-11-30\"")).isEqualTo(1);
        assertThat(body.indexOf("data-date=\"2026-11-30\"")).isLessThan(body.indexOf("data-date=\"2026-12-01\""));
        assertThat(body).contains("data-date=\"2026-12-31\"").contains("data-date=\"2027-01-03\"");
        assertThat(days(body, "class=\"day-link\"")).isEqualTo(31);
        // the fake's slots: planned on the 1st, published and posted by hand on the 2nd, waiting on the 3rd
        assertThat(day(body, "2026-12-01")).contains("status-planned").contains(">planned<");
        assertThat(day(body, "2026-12-02"))
                .contains("status-published")
                .contains(">published<")
                .contains(">posted by hand<")
                .contains("2 slots");
        assertThat(day(body, "2026-12-03")).contains(">waiting for a person<");
        assertThat(day(body, "2026-12-04")).contains("0 slots").doesNotContain("class=\"counts\"");
        // each day opens its week in the week view
        assertThat(day(body, "2026-12-02")).contains("/calendar?account=default&amp;week=2026-12-02");
        assertThat(body)
                .contains("view=month&amp;account=default&amp;month=2026-11")
                .contains("view=month&amp;account=default&amp;month=2027-01");
        // one counts call for the month's own dates
        assertThat(scheduler.calls("GET", "/slot-counts"))
                .singleElement()
                .satisfies(c -> assertThat(c.query()).isEqualTo("from=2026-12-01&to=2026-12-31&account=default"));
    }

    @Test
    void all_accounts_is_one_call_for_the_month_however_many_accounts_there_are() {
        String body =
                admin.get("/calendar?view=month&account=all&month=2027-02").body();

        assertThat(body).contains("February 2027").contains("All accounts");
        assertThat(days(body, "class=\"day-link\"")).isEqualTo(28);
        // an installation admin's "all" is every account: no account list in the address
        assertThat(scheduler.calls("GET", "/slot-counts"))
                .singleElement()
                .satisfies(c -> assertThat(c.query()).isEqualTo("from=2027-02-01&to=2027-02-28"));
        assertThat(scheduler.calls("GET", "/slots")).isEmpty();
    }

    @Test
    void a_bad_month_is_named_in_plain_words_and_this_month_is_shown_instead() {
        for (String month : new String[] {"2026-13", "December", "1999-12", "%3Cscript%3Ealert(1)%3C%2Fscript%3E"}) {
            WebSession.Page page = admin.get("/calendar?view=month&account=default&month=" + month);
            assertThat(page.status()).as(month).isEqualTo(200);
            assertThat(page.body())
                    .as(month)
                    .contains("month “")
                    .containsAnyOf("is not a year and month like 2026-12", "must be between 2000-01 and 2100-12")
                    .doesNotContain("<script>alert")
                    .doesNotContain("Exception")
                    .doesNotContain("java.");
        }
    }

    @Test
    void the_month_view_shows_the_scheduler_down_or_refusing_as_a_message() {
        scheduler.down(true);
        assertThat(admin.get("/calendar?view=month").body()).contains("Scheduler not reachable");
        scheduler.down(false);
        scheduler.failNext(409, "the scheduler is busy re-planning this account");
        WebSession.Page refused = admin.get("/calendar?view=month&account=default&month=2026-12");
        assertThat(refused.status()).isEqualTo(200);
        assertThat(refused.body())
                .contains("the scheduler is busy re-planning this account")
                .doesNotContain("Exception")
                .doesNotContain("java.");
    }

    @Test
    void members_see_the_month_view_and_signed_out_visitors_are_sent_to_sign_in() {
        WebSession member = new WebSession(port);
        member.signIn(MEMBER, MEMBER_PASSWORD);
        assertThat(member.get("/calendar?view=month&month=2026-12").body()).contains("December 2026");
        WebSession visitor = new WebSession(port);
        WebSession.Page page = visitor.get("/calendar?view=month&month=2026-12");
        assertThat(page.status()).isEqualTo(302);
        assertThat(page.location()).endsWith("/login");
    }

    @Test
    void the_week_and_month_views_link_to_each_other() {
        assertThat(admin.get("/calendar?account=default&week=2026-12-09").body())
                .contains("view=month&amp;account=default&amp;month=2026-12");
        assertThat(admin.get("/calendar?view=month&account=default&month=2026-12")
                        .body())
                .contains("aria-label=\"Calendar view\"")
                .contains("href=\"/calendar?account=default\"");
    }

    @Test
    void a_planned_slot_in_the_week_view_shows_the_likely_pick_marked_as_a_preview_with_its_thumbnail() {
        String body = admin.get("/calendar?account=default&week=2026-06-03").body();

        assertThat(body).contains(">preview<").contains("likely").contains("next-up.jpg");
        assertThat(body).contains("/accounts/default/library/" + FakeCalendarRoutes.NEXT_MEDIUM + "/thumbnail");
        assertThat(body).contains("automatic (Instagram API)");
        // only the planned slot carries a preview
        assertThat(days(body, ">preview<")).isEqualTo(1);
        assertThat(scheduler.calls("GET", "/next-picks"))
                .singleElement()
                .satisfies(c -> assertThat(c.query()).isEqualTo("limit=10"));
    }

    @Test
    void without_a_preview_the_week_still_shows_with_a_short_note() {
        scheduler.calendar().refusePreview();

        String body = admin.get("/calendar?account=default&week=2026-06-03").body();

        assertThat(body).contains("10:30").contains(">planned<").doesNotContain(">preview<");
        assertThat(body).contains("The preview of the next picks is not available right now.");
    }

    private static int days(String body, String marker) {
        Matcher m = Pattern.compile(Pattern.quote(marker)).matcher(body);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    /** The markup of one day cell. */
    private static String day(String body, String date) {
        int start = body.indexOf("data-date=\"" + date + "\"");
        assertThat(start).as(date).isPositive();
        int nextDay = body.indexOf("data-date=", start + 10);
        return body.substring(start, nextDay < 0 ? body.length() : nextDay);
    }
}
