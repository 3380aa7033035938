package dev.storyline.upload.requests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storyline.contracts.events.EventEnvelope;
import dev.storyline.contracts.events.MediaHosted;
import dev.storyline.contracts.events.PostContent;
import dev.storyline.contracts.events.PostMethod;
import dev.storyline.contracts.events.PostPublished;
import dev.storyline.contracts.events.PostRequested;
import dev.storyline.contracts.events.Route;
import dev.storyline.testkit.EventTap;
import dev.storyline.testkit.Eventually;
import dev.storyline.testkit.IsolatedInfrastructure;
import dev.storyline.upload.UploadTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The inbox mark of a delivery commits with the outcome it records (the hosted copy and its
 * MediaHosted; the copy deleted after the post). A crash at the mark therefore undoes the outcome too,
 * and the broker's retry produces it once; a redelivery after the commit is a duplicate. The crash is
 * PostgreSQL refusing the inbox row, once, from a trigger.
 */
@UploadTest(properties = {"server.port=0", "storyline.consumer.initial-backoff=200ms"})
class HostingCrashPointsTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static Path media;
    private static EventTap tap;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        media = Files.createTempDirectory("storyline-upload-crash");
        registry.add("MEDIA_ROOT", media::toString);
        registry.add("CLOUD_STORAGE_PROVIDER", () -> "local");
        registry.add("LOCAL_STORAGE_PUBLIC_BASE_URL", () -> "http://127.0.0.1:1/");
        registry.add("LOCAL_STORAGE_SIGNING_KEY", () -> "upload-crash-test-signing-key-0123456789");
        registry.add("LOCAL_STORAGE_DIR", () -> media.resolve(".hosted").toString());
    }

    @BeforeAll
    static void tapHostedEvents() {
        tap = EventTap.on(IsolatedInfrastructure.forClass(HostingCrashPointsTest.class), "media.hosted");
    }

    @AfterAll
    static void close() {
        if (tap != null) {
            tap.close();
        }
    }

    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void crashOnceAtTheInboxMarkOfChosenEvents() {
        jdbc.sql("create table if not exists crash_at_inbox (event_id uuid primary key)")
                .update();
        // a sequence, because the failing transaction rolls back everything else it touches
        jdbc.sql("create sequence if not exists crash_at_inbox_hits").update();
        jdbc.sql("""
                        create or replace function crash_at_inbox() returns trigger language plpgsql as $$
                        begin
                          if exists (select 1 from crash_at_inbox where event_id = new.event_id) then
                            if nextval('crash_at_inbox_hits') % 2 = 1 then
                              raise exception 'crash at the inbox mark of %', new.event_id;
                            end if;
                          end if;
                          return new;
                        end $$""").update();
        jdbc.sql("drop trigger if exists crash_at_inbox on inbox").update();
        jdbc.sql("create trigger crash_at_inbox before insert on inbox for each row execute function crash_at_inbox()")
                .update();
    }

    @Test
    void hosts_once_when_the_process_fails_at_the_inbox_mark_and_the_request_is_retried() throws IOException {
        EventEnvelope<PostRequested> request = requestFor("memes/crash.jpg");
        crashAtTheInboxMarkOf(request.eventId());

        tap.publish(request);
        EventEnvelope<MediaHosted> hosted = tap.await(request.postId(), MediaHosted.class, WAIT);

        tap.moreWithin(Duration.ofSeconds(2)); // room for a second announcement, which must not come
        assertThat(tap.eventsFor(request.postId(), MediaHosted.class)).hasSize(1);
        assertThat(count("select count(*) from outbox where post_id = :p and event_type = 'MediaHosted'", request))
                .as("the first attempt's outcome rolled back with its inbox mark")
                .isEqualTo(1);
        assertThat(jdbc.sql("select status, hosted_event_id from uploads where post_id = :p")
                        .param("p", request.postId())
                        .query()
                        .singleRow())
                .containsEntry("status", "HOSTED")
                .containsEntry("hosted_event_id", hosted.eventId());
        assertThat(count("select count(*) from inbox where event_id = :e", request))
                .isEqualTo(1);
        assertThat(hits()).as("the crash happened").isGreaterThanOrEqualTo(2);
    }

    @Test
    void a_request_redelivered_after_its_outcome_committed_is_a_duplicate_even_once_the_copy_is_gone()
            throws IOException {
        EventEnvelope<PostRequested> request = requestFor("memes/redelivered.jpg");
        tap.publish(request);
        tap.await(request.postId(), MediaHosted.class, WAIT);
        // the post was published and its copy cleaned up: a second hosting would announce a post twice
        jdbc.sql("update uploads set deleted_at = now() where post_id = :p")
                .param("p", request.postId())
                .update();

        tap.publish(request);
        EventEnvelope<PostRequested> marker = requestFor("memes/after-redelivery.jpg");
        tap.publish(marker);
        tap.await(marker.postId(), MediaHosted.class, WAIT);

        assertThat(tap.eventsFor(request.postId(), MediaHosted.class)).hasSize(1);
        assertThat(count("select count(*) from uploads where post_id = :p and deleted_at is not null", request))
                .isEqualTo(1);
    }

    @Test
    void deletes_the_copy_once_when_the_clean_up_fails_at_its_inbox_mark() throws IOException {
        EventEnvelope<PostRequested> request = requestFor("memes/cleanup.jpg");
        tap.publish(request);
        tap.await(request.postId(), MediaHosted.class, WAIT);
        EventEnvelope<PostPublished> published =
                request.followedBy(new PostPublished("story-1", null, PostMethod.INSTAGRAM_API, Instant.now(), true));
        crashAtTheInboxMarkOf(published.eventId());

        tap.publish(published);

        Eventually.await(
                WAIT,
                "the clean-up's inbox mark",
                () -> count("select count(*) from inbox where event_id = :e", published) == 1);
        assertThat(count("select count(*) from uploads where post_id = :p and deleted_at is not null", request))
                .isEqualTo(1);
        assertThat(hits()).as("the crash happened").isGreaterThanOrEqualTo(2);
    }

    private void crashAtTheInboxMarkOf(UUID eventId) {
        jdbc.sql("insert into crash_at_inbox (event_id) values (:e)")
                .param("e", eventId)
                .update();
        jdbc.sql("select setval('crash_at_inbox_hits', 1, false)").query().singleRow();
    }

    private long hits() {
        return jdbc.sql("select last_value from crash_at_inbox_hits")
                .query(Long.class)
                .single();
    }

    private int count(String sql, EventEnvelope<?> event) {
        return jdbc.sql(sql)
                .param("p", event.postId())
                .param("e", event.eventId())
                .query(Integer.class)
                .single();
    }

    private static EventEnvelope<PostRequested> requestFor(String relative) throws IOException {
        Path file = media.resolve(relative);
        Files.createDirectories(file.getParent());
        java.awt.image.BufferedImage image =
                new java.awt.image.BufferedImage(540, 960, java.awt.image.BufferedImage.TYPE_INT_RGB);
        javax.imageio.ImageIO.write(image, "jpg", file.toFile());
        PostContent content = new PostContent(
                UUID.randomUUID(),
                relative,
                "image/jpeg",
                relative.split("/")[0],
                "ab".repeat(32),
                Files.size(file),
                "Title",
                "a caption",
                null,
                List.of("tag"),
                false);
        return EventEnvelope.forPost(
                "default",
                UUID.randomUUID(),
                new PostRequested(content, Route.AUTO, "api_enabled", "17841400000", Instant.now(), true));
    }
}
