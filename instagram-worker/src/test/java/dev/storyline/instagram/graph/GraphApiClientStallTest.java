package dev.storyline.instagram.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.storyline.instagram.InstagramProperties;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A Graph host that sends its headers and then stalls in the body must not hold the worker past its bounds. */
class GraphApiClientStallTest {

    @Test
    void gives_up_on_an_answer_whose_body_stalls_within_the_connect_and_read_timeouts() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket client = server.accept();
                        Thread.ofVirtual().start(() -> stall(client));
                    } catch (Exception e) {
                        return;
                    }
                }
            });
            GraphApiClient graph =
                    new GraphApiClient(properties("http://127.0.0.1:" + server.getLocalPort()), new ObjectMapper());

            assertTimeoutPreemptively(
                    Duration.ofSeconds(8),
                    () -> assertThatThrownBy(
                                    () -> graph.containerStatus("17900001", new AccessTokens.AccessToken("test-token")))
                            .isInstanceOfSatisfying(
                                    GraphApiException.class,
                                    e -> assertThat(e.category()).isEqualTo(GraphErrorCategory.TRANSIENT)));
        }
    }

    private static void stall(Socket client) {
        try (client) {
            client.getInputStream().read(new byte[8192]);
            OutputStream out = client.getOutputStream();
            out.write(
                    ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n{\"status_code\":")
                            .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Thread.sleep(60_000);
        } catch (Exception e) {
            // the client gave up
        }
    }

    private static InstagramProperties properties(String base) {
        return new InstagramProperties(
                false,
                InstagramProperties.LoginType.FACEBOOK_LOGIN,
                base,
                "v25.0",
                "test-token",
                10,
                3,
                new InstagramProperties.ContainerPoll(
                        Duration.ofMillis(50),
                        Duration.ofMillis(100),
                        Duration.ofSeconds(3),
                        Duration.ofSeconds(3),
                        Duration.ofSeconds(3)),
                new InstagramProperties.Http(Duration.ofSeconds(1), Duration.ofSeconds(1)),
                Duration.ofSeconds(60),
                new InstagramProperties.RateLimit(Duration.ofSeconds(1), Duration.ofHours(1)),
                Duration.ofSeconds(1),
                Duration.ofSeconds(1),
                new InstagramProperties.TokenWorker(null, null, Duration.ofSeconds(60)),
                1);
    }
}
