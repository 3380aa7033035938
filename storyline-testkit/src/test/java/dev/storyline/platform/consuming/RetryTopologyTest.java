package dev.storyline.platform.consuming;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storyline.contracts.events.EventEnvelope;
import dev.storyline.contracts.json.EventCodec;
import dev.storyline.contracts.messaging.Topology;
import dev.storyline.platform.testapp.ConsumerTestApplication;
import dev.storyline.testkit.Eventually;
import dev.storyline.testkit.IsolatedInfrastructure;
import dev.storyline.testkit.Samples;
import dev.storyline.testkit.TestInfrastructure;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
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

/**
 * Retries wait in the broker, in delay queues per backoff step: a short backoff never waits behind a
 * long one, and waiting messages survive a broker restart.
 */
@SpringBootTest(
        classes = ConsumerTestApplication.class,
        properties = {
            "spring.config.name=contracts-test",
            "storyline.consumer.max-attempts=10",
            "storyline.consumer.initial-backoff=1s",
            "storyline.consumer.multiplier=2.0",
            "storyline.consumer.max-backoff=60s"
        })
class RetryTopologyTest {

    private static RabbitTemplate rabbit;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        IsolatedInfrastructure.forClass(RetryTopologyTest.class).register(registry);
    }

    @BeforeAll
    static void client() {
        rabbit = IsolatedInfrastructure.forClass(RetryTopologyTest.class).rabbitTemplate();
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
    void a_short_backoff_does_not_wait_behind_a_long_one() {
        // its sixth failure: the next attempt waits 32 s
        String slow = "fail-1-slow-" + UUID.randomUUID();
        publish(Samples.mediaHosted(slow), 6);
        Eventually.await(Duration.ofSeconds(30), "first attempt of the slow one", () -> calls(slow) == 1);

        String quick = "fail-1-quick-" + UUID.randomUUID();
        publish(Samples.mediaHosted(quick), 1);

        Eventually.await(
                Duration.ofSeconds(15), "the quick retry (1 s backoff) took effect", () -> effects(quick) == 1);
        assertThat(effects(slow)).as("the slow one is still waiting its 32 s").isZero();
        Eventually.await(Duration.ofSeconds(90), "the slow retry took effect", () -> effects(slow) == 1);
    }

    /** Restarts the broker: run only under the exclusive lock (flock -x /tmp/sl-broker.lock). */
    @Test
    void messages_waiting_for_a_retry_survive_a_broker_restart() {
        String[] waiting = new String[3];
        for (int i = 0; i < waiting.length; i++) {
            waiting[i] = "fail-1-restart-" + i + "-" + UUID.randomUUID();
            publish(Samples.mediaHosted(waiting[i]), 5); // next attempt waits 16 s
        }
        for (String publicId : waiting) {
            Eventually.await(Duration.ofSeconds(30), "first attempt of " + publicId, () -> calls(publicId) == 1);
        }

        TestInfrastructure.get().restartBroker(Duration.ofSeconds(2));

        for (String publicId : waiting) {
            Eventually.await(
                    Duration.ofSeconds(120),
                    "retry of " + publicId + " after the restart",
                    () -> effects(publicId) == 1);
        }
    }

    private void publish(EventEnvelope<?> event, int attempt) {
        MessageProperties props = new MessageProperties();
        props.setContentType("application/json");
        props.setType(event.type());
        props.setHeader(FailureRouter.ATTEMPT_HEADER, attempt);
        Message message =
                MessageBuilder.withBody(codec.write(event)).andProperties(props).build();
        rabbit.send(Topology.EVENTS_EXCHANGE, event.routingKey(), message);
    }

    private static int calls(String publicId) {
        AtomicInteger calls = ConsumerTestApplication.CALLS.get(publicId);
        return calls == null ? 0 : calls.get();
    }

    private int effects(String publicId) {
        return jdbc.sql("select count(*) from effects where public_id = :p")
                .param("p", publicId)
                .query(Integer.class)
                .single();
    }
}
