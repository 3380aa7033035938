package dev.storyline.telegram;

import dev.storyline.platform.consuming.ConsumerProperties;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * A post another instance holds is not waited for in the handler but handed back to the broker; its
 * retries must outlast that claim (it lapses when its holder died), or the post would be dead-lettered
 * while it was only waiting. Checked at start-up.
 */
@Component
class RetryWindow {

    RetryWindow(ConsumerProperties consumer, TelegramProperties properties) {
        Duration window = Duration.ZERO;
        for (int attempt = 2; attempt <= consumer.maxAttempts(); attempt++) {
            window = window.plus(consumer.backoffBefore(attempt));
        }
        Duration claim = properties.send().claimLease();
        if (window.compareTo(claim) <= 0) {
            throw new IllegalArgumentException(
                    "TELEGRAM_CONSUMER_MAX_ATTEMPTS: " + consumer.maxAttempts() + " attempts retry for "
                            + window.toSeconds() + " s, not longer than a send claim (" + claim.toSeconds()
                            + " s); a post held by a stopped instance would be dead-lettered. Raise it.");
        }
    }
}
