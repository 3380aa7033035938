package dev.storyline.platform.consuming;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storyline.contracts.events.EventEnvelope;
import dev.storyline.contracts.events.MediaHosted;
import dev.storyline.contracts.events.PostMethod;
import dev.storyline.contracts.events.PostPublished;
import dev.storyline.contracts.json.EventCodec;
import dev.storyline.contracts.messaging.Topology;
import dev.storyline.platform.outbox.Outbox;
import dev.storyline.platform.testapp.ConsumerTestApplication;
import dev.storyline.testkit.Eventually;
import dev.storyline.testkit.Isolated;
import dev.storyline.testkit.IsolatedInfrastructure;
import dev.storyline.testkit.Samples;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

@SpringBootTest(classes = ConsumerTestApplication.class, properties = "spring.config.name=contracts-test")
class ConsumerPlumbingTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static Isolated infra;
    private static RabbitTemplate rabbit;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        infra = IsolatedInfrastructure.forClass(ConsumerPlumbingTest.class);
        infra.register(registry);
    }

    @BeforeAll
    static void client() {
        rabbit = IsolatedInfrastructure.forClass(ConsumerPlumbingTest.class).rabbitTemplate();
    }

    @AfterAll
    static void close() {
        if (rabbit != null)
            ((org.springframework.amqp.rabbit.connection.CachingConnectionFactory) rabbit.getConnectionFactory())
                    .destroy();
    }

    @Autowired
    JdbcClient jdbc;

    @Autowired
    EventCodec codec;

    @Autowired
    Outbox outbox;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    dev.storyline.platform.outbox.OutboxRelay relay;

    private void publish(EventEnvelope<?> event) {
        rabbit.send(Topology.EVENTS_EXCHANGE, event.routingKey(), message(codec.write(event), event.type()));
    }

    private static Message message(byte[] body, String type) {
        MessageProperties props = new MessageProperties();
        props.setContentType("application/json");
        props.setType(type);
        return MessageBuilder.withBody(body).andProperties(props).build();
    }

    private int effects(String publicId) {
        return jdbc.sql("select count(*) from effects where public_id = :p")
                .param("p", publicId)
                .query(Integer.class)
                .single();
    }

    /** Takes messages off a dead-letter queue until one whose body contains the marker (tests share the queue). */
    private Message awaitDeadLetter(String queue, String marker) {
        return Eventually.await(
                WAIT,
                "a message containing " + marker + " on " + queue,
                () -> {
                    Message m;
                    while ((m = rabbit.receive(queue)) != null) {
                        if (new String(m.getBody(), StandardCharsets.UTF_8).contains(marker)) {
                            return m;
                        }
                    }
                    return null;
                },
                m -> m != null);
    }

    @Test
    void processes_an_event_once_when_it_is_delivered_twice() {
        EventEnvelope<MediaHosted> event = Samples.mediaHosted("dup-" + UUID.randomUUID());
        publish(event);
        publish(event);
        Eventually.await(WAIT, "first effect", () -> effects(event.payload().publicId()) == 1);
        EventEnvelope<MediaHosted> marker = Samples.mediaHosted("marker-" + UUID.randomUUID());
        publish(marker);
        // The queue is FIFO with one consumer: once the marker is processed, the duplicate has been too.
        Eventually.await(WAIT, "marker effect", () -> effects(marker.payload().publicId()) == 1);
        assertThat(effects(event.payload().publicId())).isEqualTo(1);
    }

    @Test
    void a_self_managed_handler_marks_the_inbox_with_its_outcome_and_a_redelivery_is_a_duplicate() {
        EventEnvelope<PostPublished> event = EventEnvelope.forPost(
                "default",
                UUID.randomUUID(),
                new PostPublished("inbox-" + UUID.randomUUID(), "c-1", PostMethod.INSTAGRAM_API, Instant.now(), false));
        publish(event);
        publish(event);
        Eventually.await(WAIT, "first effect", () -> effects(event.payload().storyId()) == 1);
        EventEnvelope<PostPublished> marker = EventEnvelope.forPost(
                "default",
                UUID.randomUUID(),
                new PostPublished(
                        "marker-" + UUID.randomUUID(), "c-1", PostMethod.INSTAGRAM_API, Instant.now(), false));
        publish(marker);
        Eventually.await(WAIT, "marker effect", () -> effects(marker.payload().storyId()) == 1);

        assertThat(effects(event.payload().storyId())).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from inbox where event_id = :e and consumer = :c")
                        .param("e", event.eventId())
                        .param("c", Topology.UPLOAD_CLEANUP.name())
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void malformed_body_goes_to_the_dead_letter_queue_with_its_reason() {
        rabbit.send(
                Topology.EVENTS_EXCHANGE,
                "media.hosted",
                message("{not json".getBytes(StandardCharsets.UTF_8), "MediaHosted"));
        Message dead = awaitDeadLetter(Topology.INSTAGRAM_HOSTED.deadLetterQueue(), "{not json");
        assertThat(new String(dead.getBody(), StandardCharsets.UTF_8)).isEqualTo("{not json");
        assertThat((String) dead.getMessageProperties().getHeader(FailureRouter.REASON_HEADER))
                .isEqualTo("MALFORMED");
        assertThat((String) dead.getMessageProperties().getHeader(FailureRouter.EXCEPTION_MESSAGE_HEADER))
                .contains("not JSON");
        assertThat((String) dead.getMessageProperties().getHeader(FailureRouter.ORIGINAL_QUEUE_HEADER))
                .isEqualTo("instagram.hosted");
    }

    @Test
    void unknown_schema_version_goes_to_the_dead_letter_queue() {
        String json =
                codec.writeString(Samples.mediaHosted("v99")).replace("\"schemaVersion\":1", "\"schemaVersion\":99");
        rabbit.send(
                Topology.EVENTS_EXCHANGE,
                "media.hosted",
                message(json.getBytes(StandardCharsets.UTF_8), "MediaHosted"));
        Message dead = awaitDeadLetter(Topology.INSTAGRAM_HOSTED.deadLetterQueue(), "v99");
        assertThat((String) dead.getMessageProperties().getHeader(FailureRouter.REASON_HEADER))
                .isEqualTo("UNSUPPORTED_SCHEMA_VERSION");
        assertThat((String) dead.getMessageProperties().getHeader(FailureRouter.EXCEPTION_MESSAGE_HEADER))
                .contains("schemaVersion 99");
        assertThat(effects("v99")).isZero();
    }

    @Test
    void event_without_a_handler_on_this_queue_is_dead_lettered_not_dropped() {
        // PostPublished is bound to other queues; sent straight to this one it has no handler here.
        EventEnvelope<PostPublished> event = EventEnvelope.forPost(
                "default",
                UUID.randomUUID(),
                new PostPublished("story-1", "c-1", PostMethod.INSTAGRAM_API, Instant.now(), false));
        rabbit.send("", Topology.INSTAGRAM_HOSTED.name(), message(codec.write(event), event.type()));
        Message dead = awaitDeadLetter(
                Topology.INSTAGRAM_HOSTED.deadLetterQueue(), event.eventId().toString());
        assertThat((String) dead.getMessageProperties().getHeader(FailureRouter.REASON_HEADER))
                .isEqualTo("NO_HANDLER");
    }

    @Test
    void transient_failure_is_retried_with_backoff_and_takes_effect_once() {
        String publicId = "fail-2-" + UUID.randomUUID();
        publish(Samples.mediaHosted(publicId));
        // the failed attempts rolled back their effect rows; only the third attempt's stays
        Eventually.await(WAIT, "effect after two retries", () -> effects(publicId) == 1);
        assertThat(ConsumerTestApplication.CALLS.get(publicId).get()).isEqualTo(3);
    }

    @Test
    void an_error_in_a_handler_is_retried_like_an_exception_and_the_consumer_goes_on() {
        String publicId = "error-1-" + UUID.randomUUID();
        publish(Samples.mediaHosted(publicId));
        Eventually.await(WAIT, "effect after one retry", () -> effects(publicId) == 1);
        assertThat(ConsumerTestApplication.CALLS.get(publicId).get()).isEqualTo(2);
        EventEnvelope<MediaHosted> next = Samples.mediaHosted("after-error-" + UUID.randomUUID());
        publish(next);
        Eventually.await(
                WAIT, "the next event handled", () -> effects(next.payload().publicId()) == 1);
    }

    @Test
    void failure_on_every_attempt_ends_in_the_dead_letter_queue_with_the_attempt_count() {
        publish(Samples.mediaHosted("fail-always"));
        Message dead = awaitDeadLetter(Topology.INSTAGRAM_HOSTED.deadLetterQueue(), "fail-always");
        assertThat((String) dead.getMessageProperties().getHeader(FailureRouter.REASON_HEADER))
                .isEqualTo("RETRIES_EXHAUSTED");
        assertThat((Integer) dead.getMessageProperties().getHeader(FailureRouter.ATTEMPT_HEADER))
                .isEqualTo(3);
        assertThat((String) dead.getMessageProperties().getHeader(FailureRouter.EXCEPTION_MESSAGE_HEADER))
                .contains("injected failure 3");
        assertThat((String) dead.getMessageProperties().getHeader(FailureRouter.ORIGINAL_ROUTING_KEY_HEADER))
                .isEqualTo("media.hosted");
        assertThat(effects("fail-always")).isZero();
    }

    @Test
    void outbox_event_is_published_after_commit_and_not_after_rollback() {
        EventEnvelope<MediaHosted> committed = Samples.mediaHosted("outbox-commit-" + UUID.randomUUID());
        EventEnvelope<MediaHosted> rolledBack = Samples.mediaHosted("outbox-rollback-" + UUID.randomUUID());
        transactions.executeWithoutResult(status -> outbox.append(committed));
        transactions.executeWithoutResult(status -> {
            outbox.append(rolledBack);
            status.setRollbackOnly();
        });
        Eventually.await(
                WAIT, "outbox event consumed", () -> effects(committed.payload().publicId()) == 1);
        Eventually.await(
                WAIT,
                "outbox row marked published",
                () -> jdbc.sql("select published_at is not null from outbox where event_id = :e")
                        .param("e", committed.eventId())
                        .query(Boolean.class)
                        .single());
        assertThat(jdbc.sql("select count(*) from outbox where event_id = :e")
                        .param("e", rolledBack.eventId())
                        .query(Integer.class)
                        .single())
                .isZero();
        assertThat(effects(rolledBack.payload().publicId())).isZero();
    }

    @Test
    void an_outbox_event_no_queue_takes_stays_unsent_instead_of_being_confirmed_and_lost() {
        UUID eventId = UUID.randomUUID();
        jdbc.sql("""
                        insert into outbox (event_id, event_type, routing_key, account_id, body)
                        values (:e, 'MediaHosted', 'nobody.is.bound.to.this', 'default', '{}')
                        """).param("e", eventId).update();
        try {
            RuntimeException refused = Eventually.await(
                    WAIT,
                    "relay refuses the unroutable batch",
                    () -> {
                        try {
                            relay.relayBatch();
                            return null;
                        } catch (RuntimeException e) {
                            return e;
                        }
                    },
                    e -> e != null);

            assertThat(refused).hasMessageContaining("nobody.is.bound.to.this");
            assertThat(jdbc.sql("select published_at is null from outbox where event_id = :e")
                            .param("e", eventId)
                            .query(Boolean.class)
                            .single())
                    .as("the row stays unsent, to be retried")
                    .isTrue();
        } finally {
            // the relay would retry it for ever and hold up the other tests' events
            jdbc.sql("delete from outbox where event_id = :e")
                    .param("e", eventId)
                    .update();
        }
    }

    @Test
    void outbox_refuses_an_append_outside_a_transaction() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> outbox.append(Samples.mediaHosted("no-tx")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("inside the transaction");
    }
}
