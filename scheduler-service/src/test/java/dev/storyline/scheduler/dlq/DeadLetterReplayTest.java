package dev.storyline.scheduler.dlq;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.AMQP;
import dev.storyline.contracts.events.EventEnvelope;
import dev.storyline.contracts.events.PostMethod;
import dev.storyline.contracts.events.PostPublished;
import dev.storyline.contracts.json.EventCodec;
import dev.storyline.contracts.messaging.Topology;
import dev.storyline.scheduler.AdminApi;
import dev.storyline.scheduler.MediaFiles;
import dev.storyline.scheduler.MediaLibrary;
import dev.storyline.scheduler.SchedulerTest;
import dev.storyline.scheduler.Slots;
import dev.storyline.scheduler.accounts.Accounts;
import dev.storyline.scheduler.media.MediaIndexer;
import dev.storyline.testkit.Eventually;
import java.awt.Color;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Replaying dead letters through the admin API: nothing acknowledged that did not reach its queue. */
@SchedulerTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "storyline.admin.token=test-admin-token")
class DeadLetterReplayTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String QUEUE = Topology.SCHEDULER_OUTCOMES.name();
    private static final String DLQ = Topology.SCHEDULER_OUTCOMES.deadLetterQueue();
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
    RabbitTemplate rabbit;

    @Autowired
    EventCodec codec;

    @Autowired
    MediaIndexer indexer;

    @Autowired
    Accounts accounts;

    @BeforeEach
    void emptyDeadLetterQueue() {
        indexer.index(accounts.find("default").orElseThrow());
        rabbit.execute(channel -> channel.queuePurge(DLQ));
    }

    @Test
    void a_message_the_broker_dead_lettered_itself_is_replayed_into_its_original_queue() throws Exception {
        UUID post = dispatchedSlot();
        EventEnvelope<PostPublished> event = published(post);
        // what the broker writes when a message exceeds the delivery limit: x-death, none of our headers
        Map<String, Object> death = new HashMap<>();
        death.put("queue", QUEUE);
        death.put("reason", "delivery_limit");
        death.put("exchange", Topology.EVENTS_EXCHANGE);
        death.put("routing-keys", List.of(event.routingKey()));
        death.put("count", 1L);
        death.put("time", new Date());
        deadLetter(
                event,
                Map.of(
                        "x-death",
                        List.of(death),
                        "x-first-death-queue",
                        QUEUE,
                        "x-first-death-reason",
                        "delivery_limit"));

        JsonNode report = replay();

        assertThat(report.path("replayed").asInt()).isEqualTo(1);
        Eventually.await(WAIT, "replayed event applied", () -> status(post).equals("PUBLISHED"));
        assertThat(depth()).isZero();
    }

    @Test
    void a_replay_the_broker_returns_stays_in_the_dead_letter_queue() throws Exception {
        UUID post = dispatchedSlot();
        deadLetter(
                published(post),
                Map.of(
                        "x-original-queue",
                        "scheduler.outcomes.removed-" + UUID.randomUUID(),
                        "x-original-routing-key",
                        "post.published"));

        JsonNode report = replay();

        assertThat(report.path("replayed").asInt()).isZero();
        assertThat(report.path("returned").asInt()).isEqualTo(1);
        assertThat(depth()).isEqualTo(1);
        assertThat(status(post)).isEqualTo("DISPATCHED");
    }

    @Test
    void replaying_a_whole_queue_takes_only_what_was_there_when_it_began() throws Exception {
        // poison: outcomes for posts nobody knows are dead-lettered again at once after the replay
        for (int i = 0; i < 3; i++) {
            deadLetter(
                    published(UUID.randomUUID()),
                    Map.of(
                            "x-original-queue",
                            QUEUE,
                            "x-original-routing-key",
                            "post.published",
                            "x-storyline-reason",
                            "PERMANENT_FAILURE"));
        }
        Eventually.await(WAIT, "three dead letters", () -> depth() == 3);

        JsonNode report = replay();

        assertThat(report.path("replayed").asInt()).as(report.toString()).isEqualTo(3);
        Eventually.await(WAIT, "the poison is back in the DLQ", () -> depth() == 3);
    }

    private UUID dispatchedSlot() {
        UUID post = UUID.randomUUID();
        UUID media =
                jdbc.sql("select id from media_items limit 1").query(UUID.class).single();
        jdbc.sql(
                        "insert into slots (id, account_id, slot_at, status, media_id) values (:id, 'default', now(), 'DISPATCHED', :m)")
                .param("id", post)
                .param("m", media)
                .update();
        return post;
    }

    private static EventEnvelope<PostPublished> published(UUID post) {
        return EventEnvelope.forPost(
                "default",
                post,
                new PostPublished("story-" + post, "c-" + post, PostMethod.INSTAGRAM_API, Instant.now(), false));
    }

    /** Puts the message into the DLQ the way dead-lettering does: through the dead-letter exchange. */
    private void deadLetter(EventEnvelope<?> event, Map<String, Object> headers) {
        AMQP.BasicProperties props = new AMQP.BasicProperties.Builder()
                .contentType("application/json")
                .messageId(event.eventId().toString())
                .type(event.type())
                .deliveryMode(2)
                .headers(headers)
                .build();
        rabbit.execute(channel -> {
            channel.basicPublish(Topology.DEAD_LETTER_EXCHANGE, QUEUE, props, codec.write(event));
            return null;
        });
        Eventually.await(WAIT, "dead letter in place", () -> depth() >= 1);
    }

    private long depth() {
        return rabbit.execute(channel -> (long) channel.queueDeclarePassive(DLQ).getMessageCount());
    }

    private String status(UUID post) {
        return new Slots(jdbc).status(post);
    }

    private JsonNode replay() {
        return new AdminApi(port).json("POST", "/api/dlq/" + QUEUE + "/replay", null);
    }
}
