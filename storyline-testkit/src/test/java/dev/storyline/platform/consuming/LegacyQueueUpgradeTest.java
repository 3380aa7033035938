package dev.storyline.platform.consuming;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storyline.contracts.events.EventEnvelope;
import dev.storyline.contracts.events.MediaHosted;
import dev.storyline.contracts.json.EventCodec;
import dev.storyline.contracts.messaging.Topology;
import dev.storyline.platform.testapp.ConsumerTestApplication;
import dev.storyline.testkit.Eventually;
import dev.storyline.testkit.IsolatedInfrastructure;
import dev.storyline.testkit.Samples;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A broker that still holds a work queue declared by an earlier version: the service starts and works. */
@SpringBootTest(classes = ConsumerTestApplication.class, properties = "spring.config.name=contracts-test")
class LegacyQueueUpgradeTest {

    private static RabbitTemplate rabbit;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        IsolatedInfrastructure.forClass(LegacyQueueUpgradeTest.class).register(registry);
    }

    @BeforeAll
    static void earlierVersionsQueue() {
        rabbit = IsolatedInfrastructure.forClass(LegacyQueueUpgradeTest.class).rabbitTemplate();
        // the arguments an earlier version declared (no at-least-once dead-lettering)
        rabbit.execute(channel -> channel.queueDeclare(
                Topology.INSTAGRAM_HOSTED.name(),
                true,
                false,
                false,
                Map.of(
                        "x-queue-type",
                        "quorum",
                        "x-delivery-limit",
                        Topology.DELIVERY_LIMIT,
                        "x-dead-letter-exchange",
                        Topology.DEAD_LETTER_EXCHANGE,
                        "x-dead-letter-routing-key",
                        Topology.INSTAGRAM_HOSTED.name())));
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

    @Test
    void a_work_queue_with_an_earlier_versions_arguments_is_kept_and_consumed() {
        EventEnvelope<MediaHosted> event = Samples.mediaHosted("legacy-" + UUID.randomUUID());
        MessageProperties props = new MessageProperties();
        props.setContentType("application/json");
        props.setType(event.type());
        rabbit.send(
                Topology.EVENTS_EXCHANGE,
                event.routingKey(),
                MessageBuilder.withBody(codec.write(event)).andProperties(props).build());

        Eventually.await(
                Duration.ofSeconds(30),
                "event consumed from the kept queue",
                () -> jdbc.sql("select count(*) from effects where public_id = :p")
                                .param("p", event.payload().publicId())
                                .query(Integer.class)
                                .single()
                        == 1);
        // the other queues got the current arguments, the retry steps exist
        Integer consumers =
                rabbit.execute(channel -> channel.queueDeclarePassive(Topology.retryStep(Duration.ofSeconds(1)))
                        .getConsumerCount());
        assertThat(consumers)
                .as("the retry step queue exists, without consumers")
                .isZero();
    }
}
