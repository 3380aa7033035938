package dev.storyline.telegram.alerts;

import dev.storyline.contracts.events.AdminAlert;
import dev.storyline.contracts.events.AlertSeverity;
import dev.storyline.contracts.events.EventEnvelope;
import dev.storyline.contracts.events.TokenRefreshFailed;
import dev.storyline.telegram.TelegramProperties;
import dev.storyline.telegram.botapi.BotApi;
import dev.storyline.telegram.botapi.BotApiException;
import dev.storyline.telegram.botapi.Retrying;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Alerts for the admins' chat, throttled per alert key. A send that keeps failing is thrown to the
 * broker (retry with backoff, then the DLQ, where it is visible) after giving its window back.
 */
@Component
public class AdminAlerts {

    private static final Logger log = LoggerFactory.getLogger(AdminAlerts.class);

    private final AlertThrottle throttle;
    private final BotApi bot;
    private final Retrying retrying;
    private final TelegramProperties properties;
    private final MeterRegistry meters;
    private final ConsoleLink console;

    AdminAlerts(
            AlertThrottle throttle,
            BotApi bot,
            Retrying retrying,
            TelegramProperties properties,
            MeterRegistry meters,
            ConsoleLink console) {
        this.console = console;
        this.throttle = throttle;
        this.bot = bot;
        this.retrying = retrying;
        this.properties = properties;
        this.meters = meters;
    }

    public void onAlert(EventEnvelope<AdminAlert> event) {
        AdminAlert alert = event.payload();
        deliver(alert.alertKey(), alert.severity(), "account " + event.accountId() + ": " + alert.text());
    }

    public void onTokenRefreshFailed(EventEnvelope<TokenRefreshFailed> event) {
        TokenRefreshFailed failed = event.payload();
        // a revocation (an operator, or Meta's deauthorize callback) is not a refresh that failed
        String what = failed.revokedBy() != null
                ? "the Instagram token was revoked (" + failed.reason() + ")"
                : "the Instagram token could not be refreshed after " + failed.attempts() + " attempts ("
                        + failed.reason() + ")";
        deliver(
                "token-refresh-failed:" + event.accountId(),
                AlertSeverity.CRITICAL,
                "account " + event.accountId() + ": " + what
                        + (failed.expiresAt() == null ? "" : "; it expires at " + failed.expiresAt())
                        + ". Posts go to Telegram for manual posting until the token is replaced."
                        + reconnectHint(event.accountId()));
    }

    private String reconnectHint(String account) {
        String link = console.reconnect(account);
        return link.isEmpty() ? "" : " Reconnect it in the console: " + link;
    }

    /**
     * The worker's own alerts (lifecycle, dead-letter queues), throttled like the others, best effort:
     * false when it was not sent (throttled, or Telegram failed), never throws.
     * {@code retry}: false for a single attempt (on the way down there is no time to wait).
     */
    public boolean notify(String alertKey, AlertSeverity severity, String text, boolean retry) {
        try {
            return deliver(alertKey, severity, text, retry);
        } catch (RuntimeException e) {
            log.warn("alert {} not sent: {}", alertKey, e.getMessage());
            return false;
        }
    }

    private void deliver(String alertKey, AlertSeverity severity, String text) {
        deliver(alertKey, severity, text, true);
    }

    private boolean deliver(String alertKey, AlertSeverity severity, String text, boolean retry) {
        String message = icon(severity) + " " + severity + " · " + text;
        if (properties.logOnly()) {
            log.info("log-only (TELEGRAM_BOT_TOKEN unset): would alert the admins [{}]: {}", alertKey, message);
            return false;
        }
        Optional<AlertThrottle.Permit> permit = throttle.tryAcquire(alertKey, properties.alertThrottle());
        if (permit.isEmpty()) {
            log.info("alert {} throttled (sent within the last {})", alertKey, properties.alertThrottle());
            meters.counter("storyline_telegram_alerts_total", "outcome", "throttled")
                    .increment();
            return false;
        }
        String suffix = permit.get().suppressed() == 0
                ? ""
                : "\n(" + permit.get().suppressed() + " repeats of this alert were held back)";
        try {
            if (retry) {
                retrying.call(
                        "alert " + alertKey,
                        java.time.Instant.now().plus(properties.send().budget()),
                        () -> {},
                        () -> bot.sendMessage(properties.adminChatId(), message + suffix, null));
            } else {
                bot.sendMessage(properties.adminChatId(), message + suffix, null);
            }
            meters.counter("storyline_telegram_alerts_total", "outcome", "sent").increment();
            return true;
        } catch (BotApiException e) {
            throttle.giveBack(permit.get());
            throw new IllegalStateException("alert " + alertKey + " could not be sent: " + e.getMessage());
        }
    }

    private static String icon(AlertSeverity severity) {
        return switch (severity) {
            case INFO -> "ℹ️";
            case WARNING -> "⚠️";
            case CRITICAL -> "🚨";
        };
    }
}
