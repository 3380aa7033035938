package dev.storyline.console;

import static dev.storyline.console.ConsoleTestSetup.MEMBER;
import static dev.storyline.console.ConsoleTestSetup.MEMBER_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The Operations page against the scheduler's API and the services' readiness probes at the wire: what it
 * shows, what it sends, that replay and purge wait for a confirmation, and how it speaks when the scheduler
 * refuses or is gone.
 */
@ConsolePageTest(member = true, readiness = true)
class OperationsPageTest {

    private static final String QUEUE = "/operations/dlq/upload.requests.dlq";

    @Autowired
    FakeSchedulerApi scheduler;

    @Autowired
    FakeReadiness readiness;

    @LocalServerPort
    int port;

    @SignedIn
    WebSession admin;

    @BeforeEach
    void openOperations() {
        admin.get("/operations");
        scheduler.reset();
    }

    @Test
    void the_page_lists_every_dead_letter_queue_with_its_depth_and_the_readiness_of_the_five_services() {
        String page = admin.get("/operations").body();
        for (String queue : FakeOpsRoutes.QUEUES) {
            assertThat(page).contains(queue);
        }
        assertThat(page).containsPattern("upload.requests.dlq</th>\\s*<td class=\"number\">3</td>");
        assertThat(page).containsPattern("telegram.requests.dlq</th>\\s*<td class=\"number\">1</td>");
        assertThat(page).containsPattern("id=\"service-scheduler-service\">[\\s\\S]*?health-up");
        assertThat(page)
                .containsPattern("id=\"service-upload-worker\">[\\s\\S]*?health-down[\\s\\S]*?running but not ready");
        assertThat(page).containsPattern("id=\"service-telegram-worker\">[\\s\\S]*?health-down[\\s\\S]*?not answering");
        assertThat(page).containsPattern("id=\"service-token-worker\">[\\s\\S]*?health-up");
        assertThat(page).contains("aria-current=\"page\">Operations</a>");
        assertThat(scheduler.calls("GET", "/api/dlq/depths")).hasSize(1);

        readiness.broken(true);
        assertThat(admin.get("/operations").body())
                .containsPattern("id=\"service-instagram-worker\">[\\s\\S]*?health-unknown[\\s\\S]*?answered HTTP 500")
                .doesNotContain("Exception");
    }

    @Test
    void a_queue_shows_type_reason_first_death_and_post_but_never_the_error_text_or_body() {
        String page = admin.get(QUEUE).body();
        assertThat(page)
                .contains("post.requested.auto")
                .contains("PERMANENT_FAILURE")
                .contains("broker:delivery_limit")
                .contains("2026-06-01T01:31:00Z")
                .contains("5036ac1f-2354-4846-a1f4-fbf710089f51")
                .contains("Replay all…")
                .contains("Purge…");
        assertThat(page)
                .doesNotContain(FakeOpsRoutes.SECRET)
                .doesNotContain("access_token")
                .doesNotContain("accessToken");
        assertThat(scheduler.calls("GET", "/api/dlq"))
                .singleElement()
                .satisfies(c -> assertThat(c.query()).isEqualTo("queue=upload.requests.dlq"));
    }

    @Test
    void replay_asks_for_a_confirmation_first_and_then_shows_the_report() {
        String confirm = admin.get(QUEUE + "/replay").body();
        assertThat(confirm)
                .contains("Replay upload.requests.dlq?")
                .contains("The <strong>3</strong> messages")
                .contains("Yes, replay upload.requests.dlq")
                .contains("name=\"_csrf\"");
        assertThat(scheduler.calls("POST", "/replay"))
                .as("nothing replayed before the confirmation")
                .isEmpty();

        WebSession.Page done = admin.post(QUEUE + "/replay", Map.of());
        assertThat(done.status()).isEqualTo(302);
        assertThat(done.location()).endsWith(QUEUE);
        String page = admin.get(QUEUE).body();
        assertThat(page).contains("Replay report");
        assertThat(page).containsPattern("id=\"report-replayed\">3<");
        assertThat(page).containsPattern("id=\"report-returned\">0<");
        assertThat(page).containsPattern("id=\"report-still-failing\">1<");
        assertThat(page).containsPattern("id=\"report-left\">0<");
        assertThat(scheduler.calls("POST", "/replay"))
                .singleElement()
                .satisfies(c -> assertThat(c.path()).isEqualTo("/api/dlq/upload.requests.dlq/replay"));
    }

    @Test
    void purge_asks_for_a_confirmation_first_and_then_deletes_with_confirm_true() {
        String confirm = admin.get(QUEUE + "/purge").body();
        assertThat(confirm)
                .contains("Purge upload.requests.dlq?")
                .contains("deleted for good")
                .contains("cannot be undone");
        assertThat(scheduler.calls("DELETE", "/api/dlq")).isEmpty();

        assertThat(admin.post(QUEUE + "/purge", Map.of()).location()).endsWith(QUEUE);
        assertThat(admin.get(QUEUE).body())
                .contains("Purged upload.requests.dlq: 3 messages deleted for good.")
                .contains("This queue is empty.");
        assertThat(scheduler.calls("DELETE", "/api/dlq")).singleElement().satisfies(c -> {
            assertThat(c.path()).isEqualTo("/api/dlq/upload.requests.dlq");
            assertThat(c.query()).isEqualTo("confirm=true");
        });
        assertThat(scheduler.ops().depth("upload.requests.dlq")).isZero();
    }

    @Test
    void an_unknown_or_malformed_queue_is_named_in_plain_words() {
        assertThat(admin.get("/operations/dlq/nope.dlq").body())
                .contains("unknown queue &#39;nope.dlq&#39;; the queues are scheduler.outcomes.dlq");
        assertThat(admin.get("/operations/dlq/nope.dlq/replay").body())
                .contains("There is no such dead-letter queue")
                .doesNotContain("Yes, replay");
        scheduler.reset();
        assertThat(admin.get("/operations/dlq/NOPE%20X").body()).contains("There is no such dead-letter queue");
        assertThat(admin.post("/operations/dlq/NOPE%20X/purge", Map.of()).location())
                .endsWith("/operations");
        assertThat(scheduler.calls()).isEmpty();
    }

    @Test
    void an_unreachable_scheduler_is_a_clear_message_and_the_services_still_show() {
        scheduler.down(true);
        String page = admin.get("/operations").body();
        assertThat(page)
                .contains("Scheduler not reachable.")
                .contains("service-upload-worker")
                .doesNotContain("Exception")
                .doesNotContain("java.");
        admin.get(QUEUE + "/replay");
        assertThat(admin.post(QUEUE + "/replay", Map.of()).location()).endsWith(QUEUE);
        assertThat(admin.get(QUEUE).body()).contains("Not replayed: The scheduler is not reachable right now.");
    }

    @Test
    void a_member_is_refused_operations_with_a_page_in_plain_words_and_sees_no_link_to_it() {
        WebSession member = new WebSession(port);
        member.signIn(MEMBER, MEMBER_PASSWORD);
        assertThat(member.get("/accounts").body()).doesNotContain("href=\"/operations\"");
        WebSession.Page refused = member.getPage("/operations");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body()).contains("Not allowed").contains("You may not do this");
        assertThat(member.get(QUEUE + "/replay").status()).isEqualTo(403);
        assertThat(member.post(QUEUE + "/replay", Map.of()).status()).isEqualTo(403);
        assertThat(member.post(QUEUE + "/purge", Map.of()).status()).isEqualTo(403);
        assertThat(scheduler.calls("POST", "/replay")).isEmpty();
        assertThat(scheduler.calls("DELETE", "/api/dlq")).isEmpty();
    }
}
