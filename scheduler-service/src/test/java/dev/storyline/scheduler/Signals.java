package dev.storyline.scheduler;

import dev.storyline.contracts.events.EventEnvelope;
import dev.storyline.testkit.EventTap;
import dev.storyline.testkit.Eventually;
import java.time.Duration;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Delivers signals (token, rate-limit, fallback events) to the running scheduler one at a time, so a test
 * decides the order in which they are processed, and reads the account state they change.
 */
public final class Signals {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private final RabbitTemplate rabbit;
    private final JdbcClient jdbc;

    public Signals(RabbitTemplate rabbit, JdbcClient jdbc) {
        this.rabbit = rabbit;
        this.jdbc = jdbc;
    }

    /** Publishes the event and returns once the scheduler's inbox has it. */
    public void deliver(EventEnvelope<?> event) {
        try (EventTap tap = EventTap.on(rabbit)) {
            tap.publish(event);
        }
        Eventually.await(
                WAIT,
                event.type() + " processed",
                () -> jdbc.sql("select count(*) from inbox where event_id = :e")
                                .param("e", event.eventId())
                                .query(Integer.class)
                                .single()
                        > 0);
    }

    /** The account's token healthy and its API not resting, as if no signal had ever come. */
    public void forgetTokenState(String account) {
        jdbc.sql("update accounts set token_healthy = true, token_generation = null, token_state_at = null, "
                        + "api_paused_until = null where id = :a")
                .param("a", account)
                .update();
    }

    public boolean tokenHealthy(String account) {
        return jdbc.sql("select token_healthy from accounts where id = :a")
                .param("a", account)
                .query(Boolean.class)
                .single();
    }
}
