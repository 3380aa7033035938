package dev.storyline.scheduler.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storyline.contracts.events.PostRequested;
import dev.storyline.contracts.json.EventCodec;
import dev.storyline.scheduler.LibraryTest;
import dev.storyline.scheduler.MediaFiles;
import dev.storyline.scheduler.SchedulerTest;
import java.awt.Color;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The whole indexer on a folder of odd but real file names, then every valid item through dispatch. */
@SchedulerTest(properties = {SchedulerTest.API_ON, SchedulerTest.INSTAGRAM_USER, SchedulerTest.DRY_RUN})
class OddFileNamesIndexingTest extends LibraryTest {

    @Autowired
    EventCodec codec;

    private static final List<String> POSTABLE = List.of(
            "memes/wow...jpg",
            "memes/final..v2.jpg",
            "memes/ends in two dots...jpg",
            "memes/ spaced  out .jpg",
            "memes/#1 100% sure?.jpg",
            "memes/-rf --help.jpg",
            "memes/ünïcödé 日本語 🎉.jpg",
            "memes/deep/er/and/deeper/still.jpg",
            "memes/" + "é".repeat(125) + ".jpg"); // 254 bytes of UTF-8, the longest a name can be here

    private static final List<String> REFUSED = List.of(
            "memes/back\\slash.jpg",
            "memes/line\nbreak.jpg",
            "memes/tab\there.jpg",
            "   /a category folder named only with spaces.jpg");

    @BeforeEach
    void nothingSentYet() {
        jdbc.sql("delete from outbox").update();
    }

    @Test
    void every_odd_name_the_indexer_calls_valid_is_dispatched_and_every_refused_one_says_why() {
        int colour = 0;
        for (String name : concat(POSTABLE, REFUSED)) {
            MediaFiles.storyJpeg(MEDIA_ROOT.resolve(name), new Color(colour += 15, 0, 0));
        }

        var report = indexer.index(accounts.find("default").orElseThrow());

        assertThat(report.errors()).isEmpty();
        Map<String, Boolean> valid = jdbc
                .sql("select path, valid from media_items")
                .query((rs, n) -> Map.entry(rs.getString("path"), rs.getBoolean("valid")))
                .list()
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertThat(valid).containsOnlyKeys(concat(POSTABLE, REFUSED));
        POSTABLE.forEach(name -> assertThat(valid.get(name)).as(name).isTrue());
        REFUSED.forEach(name -> assertThat(valid.get(name)).as(name).isFalse());
        assertThat(jdbc.sql("select array_to_string(validation_errors, ';') from media_items where not valid")
                        .query(String.class)
                        .list())
                .hasSize(REFUSED.size())
                .allSatisfy(errors -> assertThat(errors).contains("file name cannot be posted:"));

        // one base instant for all: "now() - k ms" per insert collides when two inserts are 1 ms apart
        java.time.Instant due = java.time.Instant.now().minusSeconds(1);
        for (String name : POSTABLE) {
            library.insertDueSlot(due.minusMillis(POSTABLE.indexOf(name) + 1));
        }
        while (dispatcher.dispatchDue() > 0) {
            // until every slot is handled
        }
        assertThat(jdbc.sql("select status, count(*) from slots group by status")
                        .query((rs, n) -> rs.getString(1) + "=" + rs.getInt(2))
                        .list())
                .containsExactly("DISPATCHED=" + POSTABLE.size());
        // read back as a consumer would: every event decodes and names exactly the postable files
        assertThat(jdbc.sql("select body from outbox where event_type = 'PostRequested'")
                        .query(String.class)
                        .list())
                .map(body -> ((PostRequested) codec.read(body.getBytes(StandardCharsets.UTF_8))
                                .payload())
                        .content()
                        .mediaPath())
                .containsExactlyInAnyOrderElementsOf(POSTABLE);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
