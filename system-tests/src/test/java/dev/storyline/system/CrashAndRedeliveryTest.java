package dev.storyline.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storyline.contracts.messaging.Topology;
import dev.storyline.testkit.Eventually;
import java.awt.Color;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/**
 * Faults across processes: a worker killed with kill -9 while posts wait for it, then restarted; and
 * every event of the chain delivered a second time. Every post must end published exactly once:
 * none lost, none twice.
 */
class CrashAndRedeliveryTest {

    private static final int POSTS = 4;
    private StorylineSystem system;

    @AfterEach
    void stop() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void posts_waiting_for_a_killed_worker_are_published_once_after_restart_and_duplicates_change_nothing() {
        system = new StorylineSystem("crash_redelivery");
        for (int i = 0; i < POSTS; i++) {
            system.storyImage("memes/m" + i + ".jpg", new Color(40 * i, 100, 200));
        }
        system.start("scheduler-service", "upload-worker", "instagram-worker");
        Eventually.await(
                Duration.ofSeconds(30),
                "media indexed",
                () -> system.admin("GET", "/api/accounts/default/media").size() == POSTS);

        system.kill("instagram-worker");
        List<String> posts = new ArrayList<>();
        for (int i = 0; i < POSTS; i++) {
            // "post next" forces the next planned slot; wait for it to leave before forcing another
            String post = system.admin("POST", "/api/accounts/default/post-next")
                    .get("postId")
                    .asText();
            Eventually.await(
                    Duration.ofSeconds(20),
                    "post " + post + " dispatched",
                    () -> !slotStatus(post).equals("PLANNED"));
            posts.add(post);
        }
        Eventually.await(
                Duration.ofSeconds(60),
                "all posts hosted while instagram-worker is down",
                () -> count("upload", "select count(*) from uploads") == POSTS);
        system.kill("upload-worker");

        system.start("instagram-worker", "upload-worker");
        Eventually.await(
                Duration.ofSeconds(60),
                "every post in the history",
                () -> count("scheduler", "select count(*) from posting_history") == POSTS);

        // Deliver every event of the chain a second time, as a broker would after a lost ack.
        redeliverOutbox("scheduler");
        redeliverOutbox("upload");
        redeliverOutbox("instagram");
        // The duplicates are consumed in queue order behind a marker post; once the marker is through,
        // so are they.
        system.storyImage("memes/marker.jpg", Color.BLACK);
        system.admin("POST", "/api/accounts/default/media/index");
        system.admin("POST", "/api/accounts/default/post-next");
        Eventually.await(
                Duration.ofSeconds(60),
                "the marker post in the history",
                () -> count("scheduler", "select count(*) from posting_history") == POSTS + 1);

        assertThat(count("scheduler", "select count(distinct post_id) from posting_history"))
                .isEqualTo(POSTS + 1);
        assertThat(count("instagram", "select count(*) from publications")).isEqualTo(POSTS + 1);
        assertThat(count("instagram", "select count(*) from outbox where event_type = 'PostPublished'"))
                .isEqualTo(POSTS + 1);
        assertThat(count("upload", "select count(*) from outbox where event_type = 'MediaHosted'"))
                .isEqualTo(POSTS + 1);
        for (String post : posts) {
            assertThat(slotStatus(post)).isEqualTo("PUBLISHED");
        }
        assertThat(count("scheduler", "select count(*) from media_locks")).isEqualTo(POSTS + 1);
    }

    private String slotStatus(String post) {
        return system.infra
                .jdbc("scheduler")
                .sql("select status from slots where id = cast(:p as uuid)")
                .param("p", post)
                .query(String.class)
                .single();
    }

    private int count(String schema, String sql) {
        return system.infra.jdbc(schema).sql(sql).query(Integer.class).single();
    }

    private void redeliverOutbox(String schema) {
        record Row(String routingKey, String body, String eventType) {}
        List<Row> rows = system.infra
                .jdbc(schema)
                .sql("select routing_key, body, event_type from outbox order by id")
                .query(Row.class)
                .list();
        CachingConnectionFactory factory = system.infra.rabbitConnectionFactory();
        try {
            RabbitTemplate rabbit = new RabbitTemplate(factory);
            for (Row row : rows) {
                MessageProperties props = new MessageProperties();
                props.setContentType("application/json");
                props.setType(row.eventType());
                rabbit.send(
                        Topology.EVENTS_EXCHANGE,
                        row.routingKey(),
                        new Message(row.body().getBytes(StandardCharsets.UTF_8), props));
            }
        } finally {
            factory.destroy();
        }
    }
}
