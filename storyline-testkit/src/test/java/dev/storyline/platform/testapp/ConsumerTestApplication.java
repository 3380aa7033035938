package dev.storyline.platform.testapp;

import dev.storyline.contracts.events.MediaHosted;
import dev.storyline.contracts.events.PostPublished;
import dev.storyline.contracts.messaging.Topology;
import dev.storyline.platform.consuming.EventSubscription;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A minimal service for testing the shared plumbing: it consumes MediaHosted and records an
 * effect row. A publicId starting with {@code fail-N-} fails the first N attempts; {@code error-N-}
 * throws an {@link Error} (not an exception) on the first N. PostPublished goes to a self-managed
 * handler that checks and marks the inbox in its own transaction, with an effect row named by the story id.
 */
@SpringBootApplication
public class ConsumerTestApplication {

    public static final Map<String, AtomicInteger> CALLS = new ConcurrentHashMap<>();

    @Bean
    EventSubscription hostedSubscription(JdbcClient jdbc) {
        return EventSubscription.on(Topology.INSTAGRAM_HOSTED)
                .inTransaction(MediaHosted.class, event -> {
                    String publicId = event.payload().publicId();
                    int call = CALLS.computeIfAbsent(publicId, k -> new AtomicInteger())
                            .incrementAndGet();
                    jdbc.sql("insert into effects (event_id, public_id) values (:e, :p)")
                            .param("e", event.eventId())
                            .param("p", publicId)
                            .update();
                    if (publicId.startsWith("error-") && call <= Integer.parseInt(publicId.split("-")[1])) {
                        throw new NoClassDefFoundError("injected Error " + call + " for " + publicId);
                    }
                    if (publicId.startsWith("fail-")) {
                        int failures = publicId.equals("fail-always")
                                ? Integer.MAX_VALUE
                                : Integer.parseInt(publicId.split("-")[1]);
                        if (call <= failures) {
                            throw new IllegalStateException("injected failure " + call + " for " + publicId);
                        }
                    }
                })
                .build();
    }

    @Bean
    EventSubscription publishedSubscription(JdbcClient jdbc, TransactionTemplate transactions) {
        return EventSubscription.on(Topology.UPLOAD_CLEANUP)
                .selfManagedWithInbox(
                        PostPublished.class,
                        (event, inbox) -> transactions.executeWithoutResult(s -> {
                            if (inbox.alreadyProcessed()) {
                                return;
                            }
                            jdbc.sql("insert into effects (event_id, public_id) values (:e, :p)")
                                    .param("e", event.eventId())
                                    .param("p", event.payload().storyId())
                                    .update();
                            inbox.markWithOutcome();
                        }))
                .build();
    }
}
