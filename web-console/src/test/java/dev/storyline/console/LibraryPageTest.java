package dev.storyline.console;

import static dev.storyline.console.ConsoleTestSetup.MEMBER;
import static dev.storyline.console.ConsoleTestSetup.MEMBER_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The Library page against the scheduler's API at the wire: grid, filters, paging, thumbnails, edits, uploads. */
@ConsolePageTest(member = true)
class LibraryPageTest {

    private static final String LIBRARY = "/accounts/default/library";
    /** Starts like a JPEG (FF D8 FF E0), which is all the fake looks at. */
    private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F', 'I', 'F'};

    @Autowired
    FakeSchedulerApi scheduler;

    @LocalServerPort
    int port;

    @SignedIn
    WebSession admin;

    @BeforeEach
    void openTheLibrary() {
        admin.get(LIBRARY);
    }

    @Test
    void the_grid_shows_each_item_with_a_lazy_thumbnail_through_the_console_and_invalid_ones_with_their_reason() {
        String page = admin.get(LIBRARY).body();
        assertThat(page)
                .contains("cat.jpg")
                .contains("posted 2×")
                .contains("broken.jpg")
                .contains("image is truncated (image/jpeg ends before its end-of-image marker)")
                .contains("clip.mp4")
                .contains("locked until 2026-07-01 00:00 UTC")
                .contains("loading=\"lazy\"")
                .contains("src=\"/accounts/default/library/" + FakeLibraryRoutes.CAT + "/thumbnail\"")
                .doesNotContain(FakeSchedulerApi.TOKEN)
                .doesNotContain(scheduler.url());
        assertThat(scheduler.calls("GET", "/media"))
                .last()
                .satisfies(c -> assertThat(c.query()).isEqualTo("active=true&limit=25&offset=0"));
    }

    @Test
    void the_thumbnail_is_proxied_with_the_consoles_token_and_an_unknown_one_is_404() {
        WebSession.Page thumb = admin.get(LIBRARY + "/" + FakeLibraryRoutes.CAT + "/thumbnail");
        assertThat(thumb.status()).isEqualTo(200);
        assertThat(thumb.header("Content-Type")).isEqualTo("image/jpeg");
        assertThat(scheduler.calls("GET", "/thumbnail"))
                .singleElement()
                .satisfies(c -> assertThat(c.authorization()).isEqualTo("Bearer " + FakeSchedulerApi.TOKEN));
        assertThat(admin.get(LIBRARY + "/" + java.util.UUID.randomUUID() + "/thumbnail")
                        .status())
                .isEqualTo(404);
    }

    @Test
    void filters_and_paging_reach_the_list_api() {
        scheduler.library().addMany(30);
        String first = admin.get(LIBRARY + "?category=bulk&state=never-posted").body();
        assertThat(first).contains(">Never posted</option>").contains(">Invalid (with the reason)</option>");
        assertThat(first)
                .contains("f0.jpg")
                .doesNotContain("cat.jpg")
                .contains("page=2")
                .doesNotContain("rel=\"prev\"");
        assertThat(scheduler.calls("GET", "/media"))
                .last()
                .satisfies(c -> assertThat(c.query())
                        .isEqualTo("active=true&limit=25&offset=0&category=bulk&neverPosted=true"));
        String second =
                admin.get(LIBRARY + "?category=bulk&state=never-posted&page=2").body();
        assertThat(second).contains("f29.jpg").doesNotContain("rel=\"next\"");
        admin.get(LIBRARY + "?state=invalid");
        assertThat(scheduler.calls("GET", "/media").getLast().query()).endsWith("valid=false");
        admin.get(LIBRARY + "?state=locked&page=-3");
        assertThat(scheduler.calls("GET", "/media").getLast().query())
                .isEqualTo("active=true&limit=25&offset=0&locked=true");
    }

    @Test
    void an_admin_edits_title_caption_link_tags_and_requires_interaction() {
        WebSession.Page saved = admin.htmxPost(
                LIBRARY + "/" + FakeLibraryRoutes.CAT,
                Map.of(
                        "title", "Cat",
                        "caption", "A cat in a box",
                        "link", "https://example.com/cat",
                        "tags", "cats, boxes, ",
                        "requiresInteraction", "true"));
        assertThat(saved.status()).isEqualTo(200);
        assertThat(saved.body()).contains("Saved.");
        assertThat(scheduler.calls("PATCH", "/media/"))
                .singleElement()
                .satisfies(c -> assertThat(c.body())
                        .contains("\"requiresInteraction\":true")
                        .contains("\"tags\":[\"cats\",\"boxes\"]")
                        .contains("\"caption\":\"A cat in a box\""));
        assertThat(admin.get(LIBRARY).body()).contains(">Cat<");

        WebSession.Page refused =
                admin.htmxPost(LIBRARY + "/" + FakeLibraryRoutes.CAT, Map.of("title", "x".repeat(201)));
        assertThat(refused.body()).contains("Not saved:").contains("at most 200 characters");
    }

    @Test
    void an_upload_lists_each_file_accepted_or_refused_with_its_reason() {
        WebSession.Page answer = admin.postMultipart(
                LIBRARY + "/upload",
                Map.of("category", "memes"),
                Map.of("new.jpg", JPEG, "notes.txt", "just text".getBytes()),
                true);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.header("HX-Trigger")).isEqualTo("library-changed");
        assertThat(answer.body())
                .contains("new.jpg")
                .contains("accepted")
                .contains("Added as memes/new.jpg.")
                .contains("notes.txt")
                .contains("refused")
                .contains("unsupported type text/plain");
        assertThat(scheduler.calls("POST", "/media"))
                .hasSize(2)
                .allSatisfy(c -> assertThat(c.query()).startsWith("category=memes&filename="));
        assertThat(admin.get(LIBRARY).body()).contains("new.jpg");
    }

    @Test
    void an_upload_without_a_category_or_files_says_what_is_missing() {
        assertThat(admin.postMultipart(LIBRARY + "/upload", Map.of("category", ""), Map.of("a.jpg", JPEG), true)
                        .body())
                .contains("Choose a category");
        assertThat(admin.postMultipart(LIBRARY + "/upload", Map.of("category", "memes"), Map.of(), true)
                        .body())
                .contains("Choose at least one file");
        assertThat(scheduler.calls("POST", "/media")).isEmpty();
    }

    @Test
    void a_member_reads_the_library_but_cannot_edit_or_upload() {
        WebSession member = new WebSession(port);
        member.signIn(MEMBER, MEMBER_PASSWORD);
        WebSession.Page page = member.get(LIBRARY);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("cat.jpg").doesNotContain("Upload").doesNotContain(">Save<");
        assertThat(member.htmxPost(LIBRARY + "/" + FakeLibraryRoutes.CAT, Map.of("title", "x"))
                        .status())
                .isEqualTo(403);
        assertThat(member.postMultipart(LIBRARY + "/upload", Map.of("category", "memes"), Map.of("a.jpg", JPEG), false)
                        .status())
                .isEqualTo(403);
        assertThat(scheduler.calls("PATCH", "/media")).isEmpty();
        assertThat(scheduler.calls("POST", "/media")).isEmpty();
    }

    @Test
    void a_scheduler_that_is_down_or_refuses_is_a_clear_message_never_a_trace() {
        scheduler.down(true);
        String down = admin.get(LIBRARY).body();
        assertThat(down).contains("Scheduler not reachable").doesNotContain("Exception");
        assertThat(admin.get(LIBRARY + "/" + FakeLibraryRoutes.CAT + "/thumbnail")
                        .status())
                .isEqualTo(503);
        scheduler.down(false);
        scheduler.failNext(404, "no account 'gone'");
        assertThat(admin.get("/accounts/gone/library").body()).contains("no account &#39;gone&#39;");
        assertThat(admin.get("/library").location()).endsWith("/accounts/default/library");
    }
}
