package dev.storyline.telegram.botapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.storyline.telegram.TelegramProperties;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RetryingTest {

    private static final TelegramProperties.Send SEND = new TelegramProperties.Send(
            20,
            Duration.ofMillis(20),
            Duration.ofMillis(100),
            Duration.ofSeconds(3),
            2,
            Duration.ofSeconds(1),
            Duration.ofSeconds(1),
            Duration.ofMinutes(5));

    private static Retrying retrying() {
        return new Retrying(new TelegramProperties(
                "1:abc",
                "-1",
                "-2",
                "https://api.telegram.org",
                System.getProperty("java.io.tmpdir"),
                List.of(1L),
                List.of(),
                "https://www.instagram.com/",
                Duration.ofHours(1),
                SEND,
                new TelegramProperties.Polling(
                        true, Duration.ofSeconds(20), Duration.ofSeconds(60), Duration.ofSeconds(5)),
                false,
                null));
    }

    @Test
    void stops_retrying_when_no_further_attempt_fits_before_the_deadline() {
        AtomicInteger attempts = new AtomicInteger();
        long start = System.nanoTime();
        assertThatThrownBy(() -> retrying().call("test", Instant.now().plusMillis(1500), () -> {}, () -> {
                    attempts.incrementAndGet();
                    throw new BotApiException(BotApiException.Kind.TRANSIENT, 502, null, "Bad Gateway");
                }))
                .isInstanceOf(BotApiException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1500));
        assertThat(attempts.get()).isBetween(2, 19);
    }

    @Test
    void never_repeats_a_call_whose_outcome_is_unknown() {
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> retrying().call("test", () -> {}, () -> {
                    attempts.incrementAndGet();
                    throw new BotApiException(BotApiException.Kind.UNCONFIRMED, null, null, "timeout");
                }))
                .isInstanceOf(BotApiException.class);
        assertThat(attempts.get()).isEqualTo(1);
    }

    @Test
    void a_timeout_or_broken_connection_is_unconfirmed_but_a_refused_connection_is_not() {
        assertThat(BotApi.neverSent(new java.net.ConnectException("refused"))).isTrue();
        assertThat(BotApi.neverSent(new java.net.SocketTimeoutException("timeout")))
                .isFalse();
        assertThat(BotApi.neverSent(new java.io.InterruptedIOException("timeout")))
                .isFalse();
    }
}
