package dev.storyline.scheduler.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.storyline.contracts.events.EventEnvelope;
import dev.storyline.contracts.events.MediaPaths;
import dev.storyline.contracts.events.PostContent;
import dev.storyline.contracts.events.PostRequested;
import dev.storyline.contracts.events.Route;
import dev.storyline.contracts.json.EventCodec;
import dev.storyline.testkit.names.MediaFileNames;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;

/**
 * From a file on disk to the event that asks for its post: whatever name the indexer calls postable
 * travels in a PostRequested and comes out unchanged at the consumer; whatever it refuses carries a
 * reason, and the event would have refused it too. Pure functions only, no Spring, so hundreds of tries
 * take a second.
 */
class IndexedNamesPropertyTest {

    private static final Path MEDIA_ROOT = Path.of("/srv/media");
    private static final EventCodec CODEC = new EventCodec();

    @Provide
    Arbitrary<List<String>> paths() {
        return MediaFileNames.pathSegments();
    }

    @Property(tries = 300)
    void a_name_the_indexer_accepts_travels_unchanged_and_a_refused_one_says_why(
            @ForAll("paths") List<String> segments,
            @ForAll @LongRange(min = 1, max = 100L * 1024 * 1024) long sizeBytes) {
        Path file = MEDIA_ROOT;
        for (String segment : segments) {
            file = file.resolve(segment);
        }

        String mediaPath = MediaIndexer.mediaPathOf(MEDIA_ROOT, file);
        List<String> problems = MediaIndexer.withNameProblem(List.of(), mediaPath, segments.getFirst());

        assertThat(mediaPath).isEqualTo(String.join("/", segments));
        assertThat(MediaIndexer.decodes(mediaPath)).isTrue();
        if (problems.isEmpty()) {
            PostContent content = new PostContent(
                    UUID.randomUUID(),
                    mediaPath,
                    "image/jpeg",
                    segments.getFirst(),
                    "a".repeat(64),
                    sizeBytes,
                    null,
                    null,
                    null,
                    List.of("tag"),
                    false);
            var event = EventEnvelope.forPost(
                    "default",
                    UUID.randomUUID(),
                    new PostRequested(content, Route.AUTO, "api_enabled", "17841400000", Instant.now(), true));
            PostRequested read = (PostRequested) CODEC.read(CODEC.write(event)).payload();
            assertThat(read.content().mediaPath()).isEqualTo(mediaPath);
            assertThat(read.content().sizeBytes()).isEqualTo(sizeBytes);
        } else {
            assertThat(problems)
                    .singleElement()
                    .asString()
                    .startsWith("file name cannot be posted: ")
                    .doesNotContain("Exception");
            // the event refuses it too: the two checks agree
            assertThatThrownBy(() -> new PostContent(
                            UUID.randomUUID(),
                            mediaPath,
                            "image/jpeg",
                            segments.getFirst(),
                            "a".repeat(64),
                            sizeBytes,
                            null,
                            null,
                            null,
                            List.of(),
                            false))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Property(tries = 200)
    void dots_inside_a_name_are_never_a_reason_to_refuse_it(@ForAll("paths") List<String> segments) {
        // take away what the rule refuses for other reasons, keep every dot
        String mediaPath = String.join("/", segments)
                .codePoints()
                .map(c -> c == '\\' || Character.isISOControl(c) ? '_' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
        assertThat(MediaPaths.problem(mediaPath)).isEmpty();

        String dotted = mediaPath + "..." + "jpg";

        assertThat(MediaPaths.problem(dotted)).isEmpty();
        assertThat(MediaPaths.problem(dotted.replace("/", "/a..b/"))).isEmpty();
    }
}
