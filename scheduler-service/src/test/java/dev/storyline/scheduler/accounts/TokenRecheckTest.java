package dev.storyline.scheduler.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.storyline.contracts.events.FallbackReason;
import dev.storyline.scheduler.MediaLibrary;
import dev.storyline.scheduler.SchedulerTest;
import dev.storyline.scheduler.Signals;
import dev.storyline.testkit.Samples;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The scheduler re-checks an unhealthy token with token-worker and applies the answer as a versioned signal. */
@SchedulerTest(
        properties = {
            "storyline.admin.token=test-admin-token",
            SchedulerTest.API_ON,
            "storyline.account.instagram-user-id=1784"
        })
class TokenRecheckTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final AtomicReference<String> TOKEN_WORKER_ANSWER = new AtomicReference<>();
    private static final HttpServer TOKEN_WORKER = tokenWorkerFake();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("storyline.scheduler.media-root", MediaLibrary.newRoot()::toString);
        registry.add(
                "storyline.token-worker.url",
                () -> "http://127.0.0.1:" + TOKEN_WORKER.getAddress().getPort());
    }

    @AfterAll
    static void stopFake() {
        TOKEN_WORKER.stop(0);
    }

    @Autowired
    JdbcClient jdbc;

    @Autowired
    RabbitTemplate rabbit;

    @Autowired
    TokenRecheck recheck;

    private Signals signals;

    @BeforeEach
    void healthyAccount() {
        signals = new Signals(rabbit, jdbc);
        signals.forgetTokenState("default");
    }

    @Test
    void an_unhealthy_account_turns_healthy_when_token_worker_holds_a_newer_token() {
        signals.deliver(Samples.at(
                "default", Instant.now().minusSeconds(600), Samples.fallback(FallbackReason.TOKEN_EXPIRED, 7L)));
        assertThat(signals.tokenHealthy("default")).isFalse();

        TOKEN_WORKER_ANSWER.set("{\"accountId\":\"default\",\"state\":\"ok\",\"valid\":true,\"generation\":7,"
                + "\"valueStoredAt\":\"" + Instant.now().minusSeconds(3600) + "\"}");
        recheck.recheckAll();
        assertThat(signals.tokenHealthy("default"))
                .as("the token that failed is still the current one")
                .isFalse();

        TOKEN_WORKER_ANSWER.set("{\"accountId\":\"default\",\"state\":\"ok\",\"valid\":true,\"generation\":8,"
                + "\"valueStoredAt\":\"" + Instant.now().minusSeconds(60) + "\"}");
        assertThat(recheck.recheckAll()).isEqualTo(1);
        assertThat(signals.tokenHealthy("default")).isTrue();
    }

    private static HttpServer tokenWorkerFake() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/api/accounts/", exchange -> {
                boolean authorized = "Bearer test-admin-token"
                        .equals(exchange.getRequestHeaders().getFirst("Authorization"));
                String answer = TOKEN_WORKER_ANSWER.get();
                byte[] body =
                        (authorized && answer != null ? answer : "{\"error\":\"no\"}").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(!authorized ? 401 : answer == null ? 404 : 200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
