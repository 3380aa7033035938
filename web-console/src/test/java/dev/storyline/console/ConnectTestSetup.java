package dev.storyline.console;

import dev.storyline.testkit.fakes.FakeMeta;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A console set up for Connect Instagram: every Meta base URL at the fake, token-worker at its fake, and a fixed
 * port so CONSOLE_PUBLIC_URL can be known before start. The public URL names "localhost" while the tests' own
 * requests go to 127.0.0.1: a redirect_uri built from the request's Host header would show.
 */
final class ConnectTestSetup {

    private ConnectTestSetup() {}

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static String publicUrl(int port) {
        return "http://localhost:" + port;
    }

    /** On top of what {@link ConsolePageTest} sets: the port, Meta's app and URLs, token-worker's URL. */
    static void register(DynamicPropertyRegistry registry, int port, FakeMeta meta, FakeTokenWorker tokens) {
        registry.add("server.port", () -> port);
        registry.add("management.server.port", () -> 0);
        String prefix = "storyline.console.connect.";
        registry.add(prefix + "app-id", () -> FakeMeta.APP_ID);
        registry.add(prefix + "app-secret", () -> FakeMeta.APP_SECRET);
        registry.add(prefix + "instagram-app-id", () -> FakeMeta.IG_APP_ID);
        registry.add(prefix + "instagram-app-secret", () -> FakeMeta.IG_APP_SECRET);
        registry.add(prefix + "graph-version", () -> FakeMeta.VERSION);
        for (String base : new String[] {
            "oauth-dialog-base-url",
            "graph-base-url",
            "instagram-oauth-base-url",
            "instagram-api-base-url",
            "instagram-graph-base-url"
        }) {
            registry.add(prefix + base, meta::url);
        }
        registry.add(prefix + "public-url", () -> publicUrl(port));
        registry.add(prefix + "token-worker-url", tokens::url);
        meta.registerRedirectUri(publicUrl(port) + "/connect/callback");
    }

    /** A clock the tests move forward (the 10-minute limit of a sign-in). */
    static final class MovableClock extends Clock {
        private final AtomicReference<Instant> now = new AtomicReference<>(Instant.now());

        void advance(Duration by) {
            now.updateAndGet(t -> t.plus(by));
        }

        void reset() {
            now.set(Instant.now());
        }

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    }
}
