package dev.storyline.telegram.botapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.storyline.telegram.TelegramProperties;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every Bot API call is bounded end to end: a body that stalls halfway ends the call at its call timeout. */
class BotApiTimeoutTest {

    @Test
    void a_body_that_stalls_halfway_ends_the_call_at_the_call_timeout_as_unconfirmed() throws Exception {
        try (ServerSocket server = new ServerSocket(0)) {
            Thread stalling = Thread.ofPlatform().daemon(true).start(() -> {
                try (Socket socket = server.accept()) {
                    socket.getInputStream().read(new byte[8192]);
                    OutputStream out = socket.getOutputStream();
                    out.write(
                            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"ok\":true,"
                                    .getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    Thread.sleep(60_000);
                } catch (Exception e) {
                    // the client gave up
                }
            });
            TelegramProperties.Send send = new TelegramProperties.Send(
                    1,
                    Duration.ofMillis(20),
                    Duration.ofMillis(100),
                    Duration.ofSeconds(3),
                    2,
                    Duration.ofSeconds(1),
                    Duration.ofSeconds(1),
                    Duration.ofMinutes(5));
            BotApi bot = new BotApi(new TelegramProperties(
                    "1:abc",
                    "-1",
                    "-2",
                    "http://127.0.0.1:" + server.getLocalPort(),
                    System.getProperty("java.io.tmpdir"),
                    List.of(1L),
                    List.of(),
                    "https://www.instagram.com/",
                    Duration.ofHours(1),
                    send,
                    new TelegramProperties.Polling(
                            true, Duration.ofSeconds(20), Duration.ofSeconds(60), Duration.ofSeconds(5)),
                    false,
                    null));
            long start = System.nanoTime();
            assertTimeoutPreemptively(
                    Duration.ofSeconds(10),
                    () -> assertThatThrownBy(() -> bot.sendMessage("-1", "hello", null))
                            .isInstanceOfSatisfying(
                                    BotApiException.class,
                                    e -> assertThat(e.unconfirmed()).isTrue()));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(6));
            stalling.interrupt();
        }
    }
}
