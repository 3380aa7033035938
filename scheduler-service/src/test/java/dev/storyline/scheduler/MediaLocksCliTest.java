package dev.storyline.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storyline.scheduler.CliRunner.Result;
import dev.storyline.scheduler.schedule.MediaPicker;
import java.awt.Color;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@code storyline media reject} and {@code storyline media unlock}: an operator's say over a library item. */
@SchedulerTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "storyline.admin.token=test-admin-token")
class MediaLocksCliTest {

    private static final Path MEDIA_ROOT = MediaLibrary.newRoot();

    static {
        MediaFiles.storyJpeg(MEDIA_ROOT.resolve("memes/a.jpg"), Color.RED);
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
    MediaPicker picker;

    private String id;

    private Result cli(String... args) {
        return CliRunner.run(port, args);
    }

    @BeforeEach
    void indexed() {
        jdbc.sql("delete from media_locks").update();
        assertThat(cli("index").exit()).isZero();
        id = jdbc.sql("select id from media_items where path = 'memes/a.jpg'")
                .query(UUID.class)
                .single()
                .toString();
    }

    @Test
    void an_operator_rejects_an_item_for_good_with_a_reason_and_the_list_shows_it_rejected() {
        assertThat(cli("media").out()).contains("ID").contains(id).contains("memes/a.jpg");

        Result rejected = cli("media", "reject", id, "--reason", "off-brand", "--by", "ann");

        assertThat(rejected.exit()).as(rejected.err()).isZero();
        assertThat(rejected.out())
                .contains("rejected memes/a.jpg: it will not be picked again (rejected by ann)")
                .contains("undo: storyline media unlock " + id);
        assertThat(picker.pick("default", null)).isEmpty();
        String list = cli("media", "--rejected").out();
        assertThat(list).contains("memes/a.jpg").contains("rejected");
        assertThat(cli("--json", "media", "--rejected").out()).contains("\"rejectionReason\" : \"off-brand\"");
        assertThat(cli("locks").out())
                .contains("BY")
                .contains("REJECTED")
                .contains("for good")
                .contains("ann");
        // again: the same answer, the first who stays
        assertThat(cli("media", "reject", id, "--by", "bob").out()).contains("(rejected by ann)");
    }

    @Test
    void an_operator_unlocks_an_item_so_it_can_be_picked_again_and_may_do_it_twice() {
        cli("media", "reject", id, "--by", "ann");

        Result unlocked = cli("media", "unlock", id);

        assertThat(unlocked.exit()).as(unlocked.err()).isZero();
        assertThat(unlocked.out()).contains("unlocked memes/a.jpg: it can be picked again");
        assertThat(picker.pick("default", null)).isPresent();
        assertThat(cli("media", "--locked").out()).doesNotContain("memes/a.jpg");
        assertThat(cli("media", "unlock", id).exit()).isZero();
    }

    @Test
    void a_bad_or_unknown_id_exits_2_saying_what_is_allowed_without_a_java_name() {
        for (String bad : new String[] {"not-an-id", "12345", id + "0"}) {
            Result result = cli("media", "reject", bad);
            assertThat(result.exit()).isEqualTo(2);
            assertThat(result.err())
                    .contains("allowed: an item id like")
                    .doesNotContain("Exception")
                    .doesNotContain("java.");
        }
        Result unknown = cli("media", "unlock", UUID.randomUUID().toString());
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("404").contains("no media");
        Result longReason = cli("media", "reject", id, "--reason", "x".repeat(501));
        assertThat(longReason.exit()).isEqualTo(2);
        assertThat(longReason.err()).contains("reason").contains("at most 500 characters");
    }
}
