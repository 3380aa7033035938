package dev.storyline.instagram.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.storyline.instagram.FakeTokenWorker;
import dev.storyline.instagram.InstagramProperties;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The token-worker client alone, against a stub of its endpoint and a clock the test moves. */
class TokenWorkerAccessTokensTest {

    private static final String SECRET = "unit-test-internal-token";
    private static final FakeTokenWorker TOKEN_WORKER = new FakeTokenWorker(SECRET);
    private static final InstagramProperties.Http TIMEOUTS =
            new InstagramProperties.Http(Duration.ofSeconds(1), Duration.ofSeconds(2));

    private final MovableClock clock = new MovableClock();
    private final String account = "acct-" + ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999);

    @AfterAll
    static void stop() {
        TOKEN_WORKER.close();
    }

    private TokenWorkerAccessTokens client(String url, String secret) {
        return new TokenWorkerAccessTokens(
                new InstagramProperties.TokenWorker(url, secret, Duration.ofSeconds(60)),
                TIMEOUTS,
                new ObjectMapper(),
                clock);
    }

    @Test
    void asks_again_only_after_the_cache_ttl() {
        TokenWorkerAccessTokens tokens = client(TOKEN_WORKER.baseUrl(), SECRET);
        TOKEN_WORKER.serve(account, "first");
        assertThat(tokens.forAccount(account)).hasValue(new AccessTokens.AccessToken("first"));

        TOKEN_WORKER.serve(account, "second");
        clock.move(Duration.ofSeconds(59));
        assertThat(tokens.forAccount(account)).hasValue(new AccessTokens.AccessToken("first"));
        clock.move(Duration.ofSeconds(1));
        assertThat(tokens.forAccount(account)).hasValue(new AccessTokens.AccessToken("second"));
        assertThat(TOKEN_WORKER.requests(account)).hasSize(2);
    }

    @Test
    void forgets_a_rejected_token_at_once_but_keeps_a_newer_one() {
        TokenWorkerAccessTokens tokens = client(TOKEN_WORKER.baseUrl(), SECRET);
        TOKEN_WORKER.serve(account, "dead");
        AccessTokens.AccessToken dead = tokens.forAccount(account).orElseThrow();
        TOKEN_WORKER.serve(account, "fresh");

        tokens.rejected(account, dead);
        assertThat(tokens.forAccount(account)).hasValue(new AccessTokens.AccessToken("fresh"));
        tokens.rejected(account, dead);
        assertThat(tokens.forAccount(account))
                .as("a late rejection of the old value keeps the new one")
                .hasValue(new AccessTokens.AccessToken("fresh"));
        assertThat(TOKEN_WORKER.requests(account)).hasSize(2);
    }

    @Test
    void has_no_token_when_token_worker_answers_404() {
        assertThat(client(TOKEN_WORKER.baseUrl(), SECRET).forAccount(account)).isEmpty();
    }

    @Test
    void reports_a_refused_internal_token_as_unavailable_naming_the_variable() {
        TOKEN_WORKER.serve(account, "never-seen");
        assertThatThrownBy(() ->
                        client(TOKEN_WORKER.baseUrl(), "not-the-shared-secret").forAccount(account))
                .isInstanceOf(TokenServiceUnavailableException.class)
                .hasMessageContaining("refused STORYLINE_INTERNAL_TOKEN (HTTP 403")
                .hasMessageNotContaining("never-seen")
                .hasMessageNotContaining("not-the-shared-secret");
    }

    @Test
    void reports_an_unreachable_token_worker_as_unavailable() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        assertThatThrownBy(
                        () -> client("http://127.0.0.1:" + closedPort, SECRET).forAccount(account))
                .isInstanceOf(TokenServiceUnavailableException.class)
                .hasMessageContaining("could not get the token of account '" + account + "' from token-worker");
    }

    @Test
    void keeps_publishing_with_an_expired_cache_entry_while_token_worker_is_down() {
        TokenWorkerAccessTokens tokens = client(TOKEN_WORKER.baseUrl(), SECRET);
        TOKEN_WORKER.serve(account, "still-good");
        tokens.forAccount(account);
        clock.move(Duration.ofMinutes(5));
        TOKEN_WORKER.failNext(account, 1);

        assertThat(tokens.forAccount(account)).hasValue(new AccessTokens.AccessToken("still-good"));
    }

    private static final class MovableClock extends Clock {

        private Instant now = Instant.parse("2026-03-01T10:00:00Z");

        void move(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
