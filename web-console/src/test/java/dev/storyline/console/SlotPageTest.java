package dev.storyline.console;

import static dev.storyline.console.ConsoleTestSetup.MEMBER;
import static dev.storyline.console.ConsoleTestSetup.MEMBER_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.storyline.console.signin.Role;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A slot's page, opened from the calendar: its state, medium, route and timeline, against the scheduler at the wire. */
@ConsolePageTest(member = true)
class SlotPageTest {

    private static final String OTHER_BRAND = "slot-brand-b-admin@example.com";
    private static final String BY_HAND = "/accounts/default/slots/" + FakeCalendarRoutes.BY_HAND_SLOT;

    @Autowired
    FakeSchedulerApi scheduler;

    @LocalServerPort
    int port;

    @Autowired
    TestUsers testUsers;

    @SignedIn
    WebSession admin;

    @BeforeEach
    void anAdminOfAnotherBrand() {
        testUsers.add(OTHER_BRAND, MEMBER_PASSWORD, "brand-b", Role.ADMIN);
    }

    @Test
    void tells_a_post_the_api_handed_to_a_person_who_posted_it_by_hand_step_by_step_at_local_times() {
        WebSession.Page page = admin.get(BY_HAND);

        assertThat(page.status()).isEqualTo(200);
        String body = page.body();
        assertThat(body)
                .contains("Tuesday 2 June 2026, 15:00")
                .contains("Asia/Tokyo")
                .contains("status-by-hand")
                .contains(">posted by hand<")
                .contains("hoodie.png")
                .contains("/accounts/default/library/" + FakeCalendarRoutes.BY_HAND_MEDIUM + "/thumbnail")
                .contains(">merch<")
                .contains("by hand (Telegram)")
                .contains("rate limited")
                .contains("mia@example.com");
        // the timeline in order, each step at the account's local time (15:00:40 in Tokyo is 06:00:40Z)
        assertThat(body)
                .containsSubsequence(
                        "27 May, 15:00:00",
                        "Planned",
                        "2 Jun, 15:00:00",
                        "Dispatched",
                        "AUTO (api_enabled): merch/hoodie.png",
                        "2 Jun, 15:00:40",
                        "Handed to a person",
                        "RATE_LIMITED: Meta says: &lt;b&gt;slow down&lt;/b&gt;",
                        "2 Jun, 15:25:00",
                        "Posted by hand",
                        "mia@example.com",
                        "via the web console")
                .doesNotContain("<b>slow down</b>");
    }

    @Test
    void a_published_slot_shows_its_story_id_and_the_automatic_route() {
        String body = admin.get("/accounts/default/slots/" + FakeCalendarRoutes.PUBLISHED_SLOT)
                .body();

        assertThat(body)
                .contains("Tuesday 2 June 2026, 09:00")
                .contains("status-published")
                .contains("17999000111")
                .contains("automatic (Instagram API)")
                .containsSubsequence("Planned", "Dispatched", "Published", "instagram_api");
    }

    @Test
    void each_slot_of_the_week_view_opens_its_page() {
        String week = admin.get("/calendar?account=default&week=2026-06-03").body();

        assertThat(week)
                .contains("href=\"" + BY_HAND + "\"")
                .contains("href=\"/accounts/default/slots/" + FakeCalendarRoutes.PUBLISHED_SLOT + "\"");
        // the slot page leads back to the slot's week
        assertThat(admin.get(BY_HAND).body()).contains("/calendar?account=default&amp;week=2026-06-02");
    }

    @Test
    void a_slot_id_in_capitals_is_the_same_slot() {
        WebSession.Page page = admin.get("/accounts/default/slots/"
                + FakeCalendarRoutes.BY_HAND_SLOT.toString().toUpperCase());

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("Posted by hand");
    }

    @Test
    void a_bad_slot_id_is_named_in_a_plain_notice_without_asking_the_scheduler() {
        // (an encoded slash or backslash never reaches the console: the servlet container refuses it first)
        for (String bad : new String[] {"not-a-slot", "-1", "9".repeat(300), "%3Cscript%3Ealert(1)%3C"}) {
            WebSession.Page page = admin.get("/accounts/default/slots/" + bad);
            assertThat(page.status()).as(bad).isEqualTo(400);
            assertThat(page.body())
                    .as(bad)
                    .contains("is not a slot id")
                    .doesNotContain("<script>alert")
                    .doesNotContain("Exception")
                    .doesNotContain("java.");
        }
        assertThat(scheduler.calls("GET", "/slots/")).isEmpty();
    }

    @Test
    void a_slot_the_scheduler_does_not_know_or_an_unknown_account_is_a_plain_notice() {
        WebSession.Page unknown = admin.get("/accounts/default/slots/" + UUID.randomUUID());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body())
                .contains("There is no slot")
                .contains("another account")
                .doesNotContain("Exception")
                .doesNotContain("Not Found");

        WebSession.Page otherAccount = admin.get("/accounts/brand-b/slots/" + FakeCalendarRoutes.BY_HAND_SLOT);
        assertThat(otherAccount.status()).isEqualTo(404);
        assertThat(otherAccount.body())
                .contains("There is no account “brand-b”")
                .doesNotContain("mia@example.com");
    }

    @Test
    void a_scheduler_that_is_down_leaves_the_page_with_a_banner() {
        scheduler.down(true);

        WebSession.Page page = admin.get(BY_HAND);

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("Scheduler not reachable");
    }

    @Test
    void members_read_the_slot_page_and_signed_out_visitors_are_sent_to_sign_in() {
        WebSession member = new WebSession(port);
        member.signIn(MEMBER, MEMBER_PASSWORD);
        assertThat(member.get(BY_HAND).body()).contains("Posted by hand");

        // someone of another brand finds no such page, as if the account did not exist
        WebSession stranger = new WebSession(port);
        stranger.signIn(OTHER_BRAND, MEMBER_PASSWORD);
        assertThat(stranger.get(BY_HAND).status()).isEqualTo(404);
        assertThat(stranger.get(BY_HAND).body()).doesNotContain("Posted by hand");

        WebSession.Page visitor = new WebSession(port).get(BY_HAND);
        assertThat(visitor.status()).isEqualTo(302);
        assertThat(visitor.location()).endsWith("/login");
    }
}
