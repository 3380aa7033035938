package dev.storyline.telegram.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.storyline.platform.admin.AdminApiProperties;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SchedulerClientTest {

    private static SchedulerClient client(String url, String token) {
        return new SchedulerClient(
                new SchedulerApiProperties(url, Duration.ofSeconds(1), Duration.ofSeconds(1)),
                new AdminApiProperties(token),
                new ObjectMapper().findAndRegisterModules());
    }

    @Test
    void an_unreachable_scheduler_is_a_readable_error() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        assertThatThrownBy(() -> client("http://127.0.0.1:" + port, "t").accounts())
                .isInstanceOf(SchedulerApiException.class)
                .hasMessageContaining("unreachable at http://127.0.0.1:" + port);
    }

    @Test
    void a_body_that_stalls_halfway_is_cut_off_at_the_request_timeout() throws Exception {
        try (ServerSocket server = new ServerSocket(0)) {
            Thread stalling = Thread.ofPlatform().daemon(true).start(() -> {
                try (Socket socket = server.accept()) {
                    socket.getInputStream().read(new byte[4096]);
                    OutputStream out = socket.getOutputStream();
                    out.write(
                            ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n[{\"id\":")
                                    .getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    Thread.sleep(60_000);
                } catch (Exception e) {
                    // the client gave up and closed the connection
                }
            });
            long start = System.nanoTime();
            assertTimeoutPreemptively(
                    Duration.ofSeconds(5),
                    () -> assertThatThrownBy(() -> client("http://127.0.0.1:" + server.getLocalPort(), "t")
                                    .accounts())
                            .isInstanceOf(SchedulerApiException.class)
                            .hasMessageContaining("did not answer in time"));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
            stalling.interrupt();
        }
    }

    @Test
    void without_the_admin_token_nothing_is_called() {
        assertThatThrownBy(() -> client("http://127.0.0.1:1", "").accounts())
                .isInstanceOf(SchedulerApiException.class)
                .hasMessageContaining("STORYLINE_ADMIN_TOKEN");
    }

    @Test
    void account_ids_never_reach_a_url_unchecked() {
        assertThatThrownBy(() -> client("http://127.0.0.1:1", "t").pause("../dlq"))
                .isInstanceOf(SchedulerApiException.class)
                .hasMessageContaining("not an account id");
    }

    @Test
    void the_api_is_healthy_only_when_enabled_with_a_healthy_token_and_not_resting() {
        Instant now = Instant.parse("2030-01-01T00:00:00Z");
        assertThat(new SchedulerClient.Account("a", true, false, true, false, null, 6, "UTC").apiState(now))
                .isEqualTo(SchedulerClient.ApiState.HEALTHY);
        assertThat(new SchedulerClient.Account("a", true, false, true, false, now.minusSeconds(1), 6, "UTC")
                        .apiState(now))
                .isEqualTo(SchedulerClient.ApiState.HEALTHY);
        assertThat(new SchedulerClient.Account("a", true, false, true, false, now.plusSeconds(60), 6, "UTC")
                        .apiState(now))
                .isEqualTo(SchedulerClient.ApiState.RESTING);
        assertThat(new SchedulerClient.Account("a", true, false, false, false, null, 6, "UTC").apiState(now))
                .isEqualTo(SchedulerClient.ApiState.TOKEN_UNHEALTHY);
        assertThat(new SchedulerClient.Account("a", false, false, true, false, null, 6, "UTC").apiState(now))
                .isEqualTo(SchedulerClient.ApiState.OFF);
    }
}
