package dev.storyline.platform.testapp;

import dev.storyline.contracts.events.MediaHosted;
import dev.storyline.contracts.messaging.Topology;
import dev.storyline.platform.consuming.EventSubscription;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A minimal service for testing the shared plumbing: it consumes MediaHosted and records an
 * effect row. A publicId starting with {@code fail-N-} fails the first N attempts; {@code error-N-}
 * throws an {@link Error} (not an exception) on the first N.
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
}
