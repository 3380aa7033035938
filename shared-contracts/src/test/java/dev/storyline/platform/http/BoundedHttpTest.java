package dev.storyline.platform.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class BoundedHttpTest {

    @Test
    void gives_up_on_a_server_that_sends_its_headers_and_then_stalls_in_the_body() throws Exception {
        try (StallingServer server = new StallingServer()) {
            HttpClient client = HttpClient.newHttpClient();
            HttpRequest request = HttpRequest.newBuilder(server.uri()).build();
            long started = System.nanoTime();

            assertThatThrownBy(() -> BoundedHttp.send(
                            client, request, HttpResponse.BodyHandlers.ofString(), Duration.ofSeconds(1)))
                    .isInstanceOf(HttpTimeoutException.class)
                    .hasMessageContaining("within PT1S");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void returns_a_complete_answer() throws Exception {
        try (StallingServer server = new StallingServer(false)) {
            HttpResponse<String> response = BoundedHttp.send(
                    HttpClient.newHttpClient(),
                    HttpRequest.newBuilder(server.uri()).build(),
                    HttpResponse.BodyHandlers.ofString(),
                    Duration.ofSeconds(5));
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("{\"id\":\"1\"}");
        }
    }

    /** Answers 200 with a Content-Length of 100, sends 10 bytes and (when stalling) then nothing more. */
    static final class StallingServer implements AutoCloseable {
        private final ServerSocket socket;
        private final Thread thread;

        StallingServer() throws Exception {
            this(true);
        }

        StallingServer(boolean stall) throws Exception {
            socket = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
            thread = Thread.ofVirtual().start(() -> {
                while (!socket.isClosed()) {
                    try {
                        Socket client = socket.accept();
                        Thread.ofVirtual().start(() -> serve(client, stall));
                    } catch (Exception e) {
                        return;
                    }
                }
            });
        }

        private static void serve(Socket client, boolean stall) {
            try (client) {
                client.getInputStream().read(new byte[8192]);
                OutputStream out = client.getOutputStream();
                String body = "{\"id\":\"1\"}";
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                                + (stall ? 100 : body.length()) + "\r\n\r\n" + body)
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                if (stall) {
                    Thread.sleep(60_000);
                }
            } catch (Exception e) {
                // client gone
            }
        }

        URI uri() {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/v25.0/17900001");
        }

        @Override
        public void close() throws Exception {
            socket.close();
            thread.interrupt();
        }
    }
}
