package dev.storyline.console;

import static dev.storyline.console.ConsoleTestSetup.MEMBER;
import static dev.storyline.console.ConsoleTestSetup.MEMBER_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Reject and unlock on the Library page against the scheduler's API at the wire: a rejection waits for its
 * confirmation page, both come back to the library saying what happened, and only admins see or do either.
 */
@ConsolePageTest(member = true)
class LibraryLocksPageTest {

    private static final String LIBRARY = "/accounts/default/library";
    private static final String CAT = LIBRARY + "/" + FakeLibraryRoutes.CAT;
    private static final String CLIP = LIBRARY + "/" + FakeLibraryRoutes.CLIP;

    @Autowired
    FakeSchedulerApi scheduler;

    @LocalServerPort
    int port;

    @SignedIn
    WebSession admin;

    @Test
    void an_admin_sees_reject_on_each_item_and_unlock_on_a_locked_one() {
        String page = admin.get(LIBRARY).body();
        assertThat(page)
                .contains("href=\"" + CAT + "/reject?category=&amp;state=all&amp;page=1\"")
                .contains("action=\"" + CLIP + "/unlock\"")
                .doesNotContain("action=\"" + CAT + "/unlock\"");
    }

    @Test
    void reject_asks_for_a_confirmation_first_then_rejects_with_the_reason_and_who_and_says_so() {
        String confirm = admin.get(CAT + "/reject?state=all&page=1").body();
        assertThat(confirm)
                .contains("Reject cat.jpg?")
                .contains("never be picked again")
                .contains("Yes, reject cat.jpg")
                .contains("name=\"reason\"")
                .contains("name=\"_csrf\"");
        assertThat(scheduler.calls("POST", "/reject"))
                .as("nothing rejected before the confirmation")
                .isEmpty();

        WebSession.Page done =
                admin.post(CAT + "/reject", Map.of("reason", "  off-brand ", "state", "all", "page", "1"));

        assertThat(done.status()).isEqualTo(302);
        assertThat(done.location()).endsWith(LIBRARY + "?state=all&page=1");
        assertThat(scheduler.calls("POST", "/reject")).singleElement().satisfies(c -> {
            assertThat(c.path()).isEqualTo("/api/accounts/default/media/" + FakeLibraryRoutes.CAT + "/reject");
            assertThat(c.body())
                    .contains("\"by\":\"" + ConsoleTestSetup.ADMIN + "\"")
                    .contains("\"reason\":\"off-brand\"");
        });
        String page = admin.get(LIBRARY + "?state=all&page=1").body();
        assertThat(page)
                .contains("Rejected cat.jpg: it will not be picked again.")
                .contains("rejected by " + ConsoleTestSetup.ADMIN)
                .contains("Rejected: off-brand")
                .contains("action=\"" + CAT + "/unlock\"")
                .doesNotContain("href=\"" + CAT + "/reject");
    }

    @Test
    void the_rejected_filter_shows_only_rejected_items_and_locked_includes_them() {
        admin.get(LIBRARY);
        admin.post(CAT + "/reject", Map.of());

        String rejected = admin.get(LIBRARY + "?state=rejected").body();
        assertThat(rejected).contains(">Rejected (never picked again)</option>").contains("cat.jpg");
        assertThat(rejected).doesNotContain("clip.mp4").doesNotContain("broken.jpg");
        assertThat(scheduler.calls("GET", "/media").getLast().query()).endsWith("rejected=true");
        assertThat(admin.get(LIBRARY + "?state=locked").body())
                .contains("cat.jpg")
                .contains("clip.mp4");
    }

    @Test
    void a_medium_on_a_post_in_flight_is_rejected_and_the_page_says_that_post_goes_on() {
        UUID post = UUID.randomUUID();
        scheduler.library().inFlight(FakeLibraryRoutes.CAT, post);
        admin.get(LIBRARY);

        admin.post(CAT + "/reject", Map.of());

        assertThat(admin.get(LIBRARY).body()).contains("It is already on post " + post + ", which goes on as it is.");
    }

    @Test
    void unlock_makes_a_locked_item_pickable_again_and_says_so() {
        admin.get(LIBRARY + "?state=locked");

        WebSession.Page done = admin.post(CLIP + "/unlock", Map.of("state", "locked", "page", "1"));

        assertThat(done.location()).endsWith(LIBRARY + "?state=locked&page=1");
        assertThat(scheduler.calls("POST", "/unlock"))
                .singleElement()
                .satisfies(c -> assertThat(c.body()).contains("\"by\":\"" + ConsoleTestSetup.ADMIN + "\""));
        assertThat(admin.get(LIBRARY + "?state=locked&page=1").body())
                .contains("Unlocked clip.mp4: it can be picked again.")
                .doesNotContain("clip.mp4</h3>");
        String page = admin.get(LIBRARY).body();
        assertThat(page)
                .contains("clip.mp4</h3>")
                .doesNotContain("locked until 2026-07-01")
                .doesNotContain("action=\"" + CLIP + "/unlock\"");
    }

    @Test
    void a_refusal_is_shown_on_the_page_in_plain_words() {
        admin.get(LIBRARY);
        admin.post(CAT + "/reject", Map.of("reason", "x".repeat(501)));
        assertThat(admin.get(LIBRARY).body())
                .contains("Not rejected:")
                .contains("at most 500 characters")
                .doesNotContain("Exception");

        UUID gone = UUID.randomUUID();
        assertThat(admin.get(LIBRARY + "/" + gone + "/reject").body()).contains("no media " + gone);
        admin.post(LIBRARY + "/" + gone + "/unlock", Map.of());
        assertThat(admin.get(LIBRARY).body()).contains("Not unlocked:").contains("no media " + gone);

        scheduler.down(true);
        admin.post(CAT + "/reject", Map.of());
        scheduler.down(false);
        assertThat(admin.get(LIBRARY).body()).contains("Not rejected: The scheduler is not reachable");
    }

    @Test
    void a_member_sees_neither_button_and_cannot_post_or_open_the_confirmation() {
        WebSession member = new WebSession(port);
        member.signIn(MEMBER, MEMBER_PASSWORD);
        String page = member.get(LIBRARY).body();
        assertThat(page).contains("cat.jpg").doesNotContain(">Reject<").doesNotContain(">Unlock<");

        assertThat(member.get(CAT + "/reject").status()).isEqualTo(403);
        assertThat(member.post(CAT + "/reject", Map.of()).status()).isEqualTo(403);
        assertThat(member.post(CLIP + "/unlock", Map.of()).status()).isEqualTo(403);
        assertThat(scheduler.calls("POST", "/reject")).isEmpty();
        assertThat(scheduler.calls("POST", "/unlock")).isEmpty();
    }

    @Test
    void a_post_without_the_csrf_token_is_refused() {
        admin.get(LIBRARY);
        assertThat(admin.postRaw(CAT + "/reject", Map.of(), false).status()).isEqualTo(403);
        assertThat(admin.postRaw(CLIP + "/unlock", Map.of(), false).status()).isEqualTo(403);
        assertThat(scheduler.calls("POST", "/reject")).isEmpty();
    }
}
