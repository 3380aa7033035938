package dev.storyline.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storyline.scheduler.CliRunner.Result;
import dev.storyline.scheduler.cli.StorylineCli;
import dev.storyline.scheduler.schedule.Dispatcher;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The admin API as operators use it, through the storyline CLI. */
@SchedulerTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "storyline.admin.token=test-admin-token")
class OperatorWorkflowTest {

    private static final Path MEDIA_ROOT = MediaLibrary.newRoot();

    static {
        MediaFiles.storyJpeg(MEDIA_ROOT.resolve("memes/a.jpg"), Color.RED);
        MediaFiles.storyJpeg(MEDIA_ROOT.resolve("merch/b.jpg"), Color.BLUE);
    }

    @DynamicPropertySource
    static void mediaRoot(DynamicPropertyRegistry registry) {
        registry.add("storyline.scheduler.media-root", MEDIA_ROOT::toString);
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Dispatcher dispatcher;

    private Result cli(String... args) {
        return CliRunner.run(port, args);
    }

    private Result cliWithToken(String token, String... args) {
        return CliRunner.run("http://127.0.0.1:" + port, token, args);
    }

    private Slots slots;

    @BeforeEach
    void indexed() {
        slots = new Slots(jdbc);
        jdbc.sql("delete from media_locks").update();
        jdbc.sql("delete from slots where status = 'PLANNED'").update();
        jdbc.sql("update slots set status = 'RESOLVED' where status in ('DISPATCHED', 'MANUAL_PENDING')")
                .update();
        assertThat(cli("index").exit()).isZero();
    }

    @Test
    void refuses_every_call_without_the_admin_token() {
        Result result = cliWithToken("wrong", "stats");
        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err()).contains("401").contains("admin token");
    }

    @Test
    void takes_the_admin_token_from_the_environment_only() {
        Result unset = cliWithToken(null, "stats");
        assertThat(unset.exit()).isEqualTo(2);
        assertThat(unset.err()).contains("set STORYLINE_ADMIN_TOKEN in the environment");
        Result asArgument = cliWithToken(null, "--token=test-admin-token", "stats");
        assertThat(asArgument.exit()).as("no --token option").isNotZero();
        assertThat(asArgument.err()).contains("--token");
    }

    @Test
    void a_mix_that_does_not_sum_to_100_is_refused_with_a_clear_message() {
        Result result = cli("set-mix", "memes=60", "merch=30", "--by", "ann");
        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err()).contains("ratios sum to 90%; they must sum to 100%");
        assertThat(cli("set-mix", "memes=60", "pets=40", "--by", "ann").err())
                .contains("unknown category 'pets' (the library has: memes, merch)");
    }

    @Test
    void changing_the_mix_keeps_its_history() {
        assertThat(cli("set-mix", "memes=50", "merch=50", "--by", "ann").exit()).isZero();
        assertThat(cli("set-mix", "memes=70", "merch=30", "--by", "bob").exit()).isZero();
        assertThat(cli("mix", "--json").out()).contains("\"ratioPercent\" : 70").contains("\"ratioPercent\" : 30");
        String history = cli("mix-history", "--json").out();
        assertThat(history).contains("\"changedBy\" : \"ann\"").contains("\"changedBy\" : \"bob\"");
        assertThat(jdbc.sql("select count(*) from category_mix where effective_to is not null")
                        .query(Integer.class)
                        .single())
                .isEqualTo(2);
    }

    @Test
    void resuming_with_drop_marks_the_slots_missed_while_paused() {
        assertThat(cli("pause", "--json").out()).contains("\"paused\" : true");
        UUID overdue = slots.planned("default", Instant.now().minusSeconds(60));
        dispatcher.dispatchDue();
        assertThat(slots.status(overdue)).as("paused: nothing dispatched").isEqualTo("PLANNED");

        assertThat(cli("resume", "--overdue", "drop", "--json").out()).contains("\"affected\" : 1");
        assertThat(slots.status(overdue)).isEqualTo("MISSED");
    }

    @Test
    void resuming_with_reschedule_spaces_the_overdue_slots_instead_of_a_burst() {
        cli("pause");
        UUID first = slots.planned("default", Instant.now().minusSeconds(600));
        UUID second = slots.planned("default", Instant.now().minusSeconds(300));
        cli("resume", "--overdue", "reschedule");
        Instant a = slotTime(first);
        Instant b = slotTime(second);
        assertThat(java.time.Duration.between(a, b).toMinutes()).isEqualTo(5);
        dispatcher.dispatchDue();
        // dispatched to the API, or to a person (MANUAL_PENDING) when the account's API route is off
        assertThat(slots.status(first)).isIn("DISPATCHED", "MANUAL_PENDING");
        assertThat(slots.status(second)).isEqualTo("PLANNED");
    }

    @Test
    void forced_slots_keep_their_spacing_when_the_scheduler_was_down_meanwhile() {
        cli("pause");
        UUID first = slots.planned("default", Instant.now().minusSeconds(600));
        UUID second = slots.planned("default", Instant.now().minusSeconds(300));
        assertThat(cli("resume", "--overdue", "force").exit()).isZero();
        // the scheduler was down for 30 minutes right after the resume: both forced slots are long overdue
        jdbc.sql("update slots set slot_at = slot_at - interval '30 minutes' where id in (:ids)")
                .param("ids", java.util.List.of(first, second))
                .update();

        dispatcher.dispatchDue();

        // dispatched to the API, or to a person (MANUAL_PENDING) when the account's API route is off
        assertThat(slots.status(first)).isIn("DISPATCHED", "MANUAL_PENDING");
        assertThat(slots.status(second))
                .as("not a burst: the second forced slot waits its 5 minutes")
                .isEqualTo("PLANNED");
        assertThat(java.time.Duration.between(Instant.now(), slotTime(second)).toSeconds())
                .isBetween(240L, 300L);
    }

    @Test
    void a_boolean_is_on_or_off_in_any_case_and_anything_else_exits_2_with_the_allowed_values() {
        cli("add-account", "switchy", "--instagram-user-id", "1784", "--media-subdir", "switchy", "--create-folder");
        Result maybe = cli("--account", "switchy", "api", "maybe");
        assertThat(maybe.exit()).isEqualTo(2);
        assertThat(maybe.err()).contains("'maybe' is not allowed; allowed: on, off, true or false");
        assertThat(cli("--account", "switchy", "api", "ON").out()).contains("is on");
        assertThat(cli("api", "Off", "--account", "switchy").out())
                .as("--account after the command")
                .contains("is off");
    }

    @Test
    void a_malformed_window_exits_2_and_says_what_a_window_looks_like() {
        for (String window : new String[] {"9", "abc-def", "9-21-3", "5-5", "9-25"}) {
            Result result = cli("add-account", "windowed", "--window", window);
            assertThat(result.exit()).as(window).isEqualTo(2);
            assertThat(result.err())
                    .as(window)
                    .contains("'" + window + "' is not allowed")
                    .doesNotContain("Exception");
        }
    }

    @Test
    void set_mix_without_ratios_and_a_negative_history_exit_2_with_what_is_allowed() {
        Result mix = cli("set-mix", "--by", "ann");
        assertThat(mix.exit()).isEqualTo(2);
        assertThat(mix.err()).contains("CATEGORY=PERCENT").doesNotContain("null");
        Result history = cli("history", "-5");
        assertThat(history.exit()).isEqualTo(2);
        assertThat(history.err()).contains("1 to 500");
        assertThat(cli("queue", "--limit", "-1").err()).contains("1 to 500");
        assertThat(cli("resume", "--overdue", "bogus").err()).contains("drop, reschedule, force");
    }

    @Test
    void every_subcommand_has_help_with_an_example_and_the_cli_knows_its_version() {
        picocli.CommandLine root = new picocli.CommandLine(new StorylineCli());
        java.util.List<picocli.CommandLine> commands =
                new java.util.ArrayList<>(root.getSubcommands().values());
        root.getSubcommands().get("dlq").getSubcommands().values().forEach(commands::add);
        root.getSubcommands().get("media").getSubcommands().values().forEach(commands::add);
        for (picocli.CommandLine command : commands) {
            assertThat(command.getUsageMessage())
                    .as(command.getCommandName())
                    .contains("Example")
                    .contains("storyline ");
        }
        Result version = cli("-V");
        assertThat(version.exit()).isZero();
        assertThat(version.out()).startsWith("storyline ");
    }

    @Test
    void human_output_is_an_aligned_table_and_json_stays_for_scripts() {
        cli("schedule", "2");
        String queue = cli("queue", "--limit", "3").out();
        assertThat(queue)
                .startsWith("WHEN (UTC)")
                .contains("STATUS")
                .contains("PLANNED")
                .doesNotContain("{");
        assertThat(cli("accounts").out()).contains("ID").contains("FOLDER").contains("MEDIA_ROOT");
        assertThat(cli("stats").out()).contains("library").contains("postable").contains("missed");
        assertThat(cli("queue", "--json").out()).startsWith("[");
    }

    @Test
    void post_next_with_nothing_eligible_says_so() {
        cli("add-account", "bare", "--media-subdir", "bare", "--create-folder", "--posts-per-day", "0");
        Result result = cli("--account", "bare", "post-next");
        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err()).contains("nothing to post for 'bare'");
    }

    @Test
    void slot_tells_a_posts_story_and_a_bad_or_unknown_id_is_refused() {
        String post = cli("post-next", "--json").out().replaceAll("(?s).*\"postId\" : \"([^\"]+)\".*", "$1");
        dispatcher.dispatchDue();
        cli("resolve", post, "skipped", "--by", "ann");

        Result story = cli("slot", post);
        assertThat(story.exit()).isZero();
        assertThat(story.out())
                .contains("slot " + post)
                .contains("RESOLVED (SKIPPED)")
                .contains("AT (UTC)")
                .containsSubsequence("DISPATCHED", "SKIPPED", "ann", "cli");
        assertThat(cli("slot", post, "--json").out()).contains("\"events\"");

        Result bad = cli("slot", "nope");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("SLOT").contains("nope");
        Result unknown = cli("slot", java.util.UUID.randomUUID().toString());
        assertThat(unknown.exit()).isNotZero();
        assertThat(unknown.err()).contains("no slot");
    }

    @Test
    void an_operator_resolves_changes_and_removes_through_the_cli() {
        cli("add-account", "editme", "--media-subdir", "editme", "--create-folder");
        MediaFiles.storyJpeg(MEDIA_ROOT.resolve("editme/food/x.jpg"), Color.ORANGE);
        assertThat(cli("--account", "editme", "account-set", "--window", "8-20", "--timezone", "Europe/Berlin")
                        .out())
                .contains("8-20 h Europe/Berlin");
        assertThat(cli("--account", "editme", "account-set", "--timezone", "+09:00")
                        .err())
                .contains("IANA");
        assertThat(cli("--account", "editme", "index").out()).contains("1 indexed");
        String post = cli("--account", "editme", "post-next", "--json")
                .out()
                .replaceAll("(?s).*\"postId\" : \"([^\"]+)\".*", "$1");
        dispatcher.dispatchDue();
        assertThat(cli("remove-account", "editme").err()).contains("in flight");
        assertThat(cli("--account", "editme", "resolve", post, "rejected", "--by", "ann")
                        .out())
                .contains("resolved: rejected by ann");
        assertThat(cli("--account", "editme", "resolve", post, "posted").err()).contains("first one counts");
        assertThat(cli("--account", "editme", "resolve", post, "perhaps").err()).contains("posted, skipped, rejected");
        assertThat(cli("remove-account", "editme").out()).contains("removed editme");
        assertThat(cli("--account", "editme", "stats").err()).contains("unknown account 'editme'");
        assertThat(cli("index", "--json").out())
                .as("a removed account keeps its folder")
                .doesNotContain("editme/");
    }

    @Test
    void an_html_answer_is_reported_as_such() throws IOException {
        com.sun.net.httpserver.HttpServer proxy =
                com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        proxy.createContext("/", exchange -> {
            byte[] page = "<html><body>502 Bad Gateway</body></html>".getBytes();
            exchange.getResponseHeaders().add("Content-Type", "text/html");
            exchange.sendResponseHeaders(502, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        proxy.start();
        try {
            Result result = CliRunner.run(proxy.getAddress().getPort(), "stats");
            assertThat(result.exit()).isEqualTo(2);
            assertThat(result.err()).contains("HTML page").contains("502").doesNotContain("cannot reach");
        } finally {
            proxy.stop(0);
        }
    }

    @Autowired
    dev.storyline.scheduler.insights.ContentWatch contentWatch;

    @Test
    void admins_are_warned_when_content_runs_low() {
        // two items at six posts a day: a third of a day left
        // (other tests may add accounts with no media at all; they are reported too)
        assertThat(contentWatch.check()).isPositive();
        assertThat(jdbc.sql(
                                "select body from outbox where event_type = 'AdminAlert' and body like '%content-low:default%'"
                                        + " order by id desc limit 1")
                        .query(String.class)
                        .single())
                .contains("2 postable items left");
    }

    @Test
    void an_account_is_added_with_its_own_media_folder_and_bad_ids_are_refused() {
        assertThat(cli("add-account", "Bad Id!").err())
                .contains("id 'Bad Id!' is not allowed; allowed: 1 to 63 lower-case letters");
        assertThat(cli(
                                "add-account",
                                "tokyo",
                                "--media-subdir",
                                "tokyo",
                                "--create-folder",
                                "--window",
                                "20-2",
                                "--timezone",
                                "Asia/Tokyo")
                        .exit())
                .isZero();
        assertThat(cli("--account", "tokyo", "stats", "--json").out()).contains("\"accountId\" : \"tokyo\"");
        assertThat(cli("add-account", "tokyo").err()).contains("exists already");
    }

    @Test
    void stats_count_the_library_and_the_days_left() {
        String stats = cli("stats", "--json").out();
        assertThat(stats)
                .contains("\"active\" : 2")
                .contains("\"eligible\" : 2")
                .contains("\"postsPerDay\" : 6");
    }

    @Test
    void a_dead_letter_is_listed_with_its_reason_and_replayed_once_its_cause_is_fixed() {
        UUID post = UUID.randomUUID();
        var event = dev.storyline.contracts.events.EventEnvelope.forPost(
                "default",
                post,
                new dev.storyline.contracts.events.PostPublished(
                        "story-9",
                        "c-9",
                        dev.storyline.contracts.events.PostMethod.INSTAGRAM_API,
                        Instant.now(),
                        false));
        try (var tap = dev.storyline.testkit.EventTap.on(rabbit)) {
            tap.publish(event);
        }

        String listed = dev.storyline.testkit.Eventually.await(
                java.time.Duration.ofSeconds(20),
                "dead letter listed",
                () -> cli("dlq", "list", "scheduler.outcomes", "--json").out(),
                out -> out.contains(event.eventId().toString()));
        assertThat(listed)
                .contains("PERMANENT_FAILURE")
                .contains("unknown post " + post)
                .contains("post.published");
        assertThat(cli("dlq", "show", "scheduler.outcomes.dlq", event.eventId().toString())
                        .out())
                .as("the queue as dlq list prints it")
                .contains("story-9");

        // the cause: the post was unknown. Once it exists, the replay applies the event.
        UUID media =
                jdbc.sql("select id from media_items limit 1").query(UUID.class).single();
        jdbc.sql(
                        "insert into slots (id, account_id, slot_at, status, media_id) values (:id, 'default', now(), 'DISPATCHED', :m)")
                .param("id", post)
                .param("m", media)
                .update();
        assertThat(cli(
                                "dlq",
                                "replay",
                                "scheduler.outcomes",
                                "--id",
                                event.eventId().toString())
                        .out())
                .contains("replayed 1 message");
        dev.storyline.testkit.Eventually.await(
                java.time.Duration.ofSeconds(20),
                "replayed event applied",
                () -> slots.status(post).equals("PUBLISHED"));
        assertThat(cli("dlq", "list", "scheduler.outcomes").out())
                .doesNotContain(event.eventId().toString());
        assertThat(cli("dlq", "purge", "scheduler.outcomes").exit())
                .as("purge without --yes and no console")
                .isEqualTo(2);
    }

    @Autowired
    org.springframework.amqp.rabbit.core.RabbitTemplate rabbit;

    private Instant slotTime(UUID slot) {
        return jdbc.sql("select slot_at from slots where id = :id")
                .param("id", slot)
                .query(Instant.class)
                .single();
    }
}
