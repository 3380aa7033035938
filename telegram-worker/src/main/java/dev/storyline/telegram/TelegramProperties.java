package dev.storyline.telegram;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The worker's settings, bound from the documented environment variables and checked at start-up,
 * so a missing chat id or media folder stops the service with the variable's name instead of
 * losing the first manual post.
 *
 * @param botToken      TELEGRAM_BOT_TOKEN; blank means log-only mode (the credential-free demo): the
 *                      queue is still consumed, messages are logged instead of sent. Never logged.
 * @param channelId     TELEGRAM_CHANNEL_ID: where manual posts go (numeric id or @channel)
 * @param adminChatId   ADMIN_TELEGRAM_CHAT_ID: where admin alerts go
 * @param apiBaseUrl    TELEGRAM_API_BASE_URL: scheme, host and port only (the client library appends
 *                      /bot&lt;token&gt;/&lt;method&gt;); tests point it at a local fake
 * @param mediaRoot     MEDIA_ROOT, read-only; {@code PostContent.mediaPath} is relative to it
 * @param adminUserIds  TELEGRAM_ADMIN_USER_IDS: may use every button, including Reject
 * @param memberUserIds TELEGRAM_MEMBER_USER_IDS: may mark posts Posted or Skipped
 * @param dryRun        DRY_RUN: false (live) refuses to start without TELEGRAM_BOT_TOKEN, since log-only
 *                      mode acknowledges every manual post without showing it to anybody
 * @param callbackSecret TELEGRAM_CALLBACK_SECRET: signs the buttons' callback data; blank derives a key
 *                      from TELEGRAM_BOT_TOKEN. Never logged.
 */
@Validated
@ConfigurationProperties("storyline.telegram")
public record TelegramProperties(
        String botToken,
        String channelId,
        String adminChatId,

        @NotBlank(message = "set TELEGRAM_API_BASE_URL (default https://api.telegram.org)")
        @Pattern(
                regexp = "https?://[^\\s/:]+(:\\d+)?/?",
                message =
                        "TELEGRAM_API_BASE_URL must be a scheme, host and optional port such as https://api.telegram.org")
        String apiBaseUrl,

        String mediaRoot,
        List<Long> adminUserIds,
        List<Long> memberUserIds,

        @NotBlank(message = "set TELEGRAM_INSTAGRAM_URL (the Open Instagram button)")
        @Pattern(regexp = "https://\\S+", message = "TELEGRAM_INSTAGRAM_URL must be an https URL")
        String instagramUrl,

        @NotNull(message = "set TELEGRAM_ALERT_THROTTLE (e.g. 1h)")
        Duration alertThrottle,

        @Valid @NotNull(message = "send settings missing") Send send,

        @Valid @NotNull(message = "polling settings missing")
        Polling polling,

        boolean dryRun,
        String callbackSecret) {

    public TelegramProperties {
        if (!dryRun && (botToken == null || botToken.isBlank())) {
            throw new IllegalArgumentException(
                    "DRY_RUN=false needs TELEGRAM_BOT_TOKEN: without it every manual post would "
                            + "only be logged and acknowledged, never shown to anybody");
        }
        if (callbackSecret != null && !callbackSecret.isBlank() && callbackSecret.length() < 32) {
            throw new IllegalArgumentException("TELEGRAM_CALLBACK_SECRET must be at least 32 characters (or unset: "
                    + "derived from TELEGRAM_BOT_TOKEN)");
        }
        adminUserIds = adminUserIds == null ? List.of() : List.copyOf(adminUserIds);
        memberUserIds = memberUserIds == null ? List.of() : List.copyOf(memberUserIds);
        if (botToken != null && !botToken.isBlank()) {
            if (!botToken.matches("\\d+:[A-Za-z0-9_-]+")) {
                throw new IllegalArgumentException("TELEGRAM_BOT_TOKEN does not look like <bot id>:<secret>");
            }
            require(
                    channelId,
                    "TELEGRAM_BOT_TOKEN is set: set TELEGRAM_CHANNEL_ID (the chat that receives manual posts)");
            require(
                    adminChatId,
                    "TELEGRAM_BOT_TOKEN is set: set ADMIN_TELEGRAM_CHAT_ID (the chat that receives alerts)");
            require(mediaRoot, "TELEGRAM_BOT_TOKEN is set: set MEDIA_ROOT (the media folder, read-only)");
        }
        if (mediaRoot != null && !mediaRoot.isBlank() && !Files.isDirectory(Path.of(mediaRoot))) {
            throw new IllegalArgumentException("MEDIA_ROOT=" + mediaRoot + " is not a directory");
        }
    }

    /** No token: consume and log, send nothing (compose runs without credentials). */
    public boolean logOnly() {
        return botToken == null || botToken.isBlank();
    }

    /** The numeric bot id in front of the token's colon: public, safe as a key and in logs. */
    public String botId() {
        return logOnly() ? "log-only" : botToken.substring(0, botToken.indexOf(':'));
    }

    public Path mediaRootPath() {
        return Path.of(mediaRoot).toAbsolutePath().normalize();
    }

    /**
     * Sending: 429 waits {@code retry_after} (at most {@code maxRetryAfter}), other transient failures
     * back off exponentially; after {@code maxAttempts} the post is reported failed.
     *
     * @param maxClaims how many times a post may be claimed for sending: the first claim, plus one
     *                  take-over of a claim whose holder stopped before recording the message id
     * @param budget    TELEGRAM_SEND_BUDGET: most time one delivery spends sending a post, retries included
     */
    public record Send(
            @Min(value = 1, message = "TELEGRAM_SEND_MAX_ATTEMPTS must be 1..20")
            @Max(value = 20, message = "TELEGRAM_SEND_MAX_ATTEMPTS must be 1..20")
            int maxAttempts,

            @NotNull(message = "set TELEGRAM_SEND_INITIAL_BACKOFF")
            Duration initialBackoff,

            @NotNull(message = "set TELEGRAM_SEND_MAX_BACKOFF")
            Duration maxBackoff,

            @NotNull(message = "set TELEGRAM_MAX_RETRY_AFTER")
            Duration maxRetryAfter,

            @Min(value = 1, message = "storyline.telegram.send.max-claims must be at least 1")
            int maxClaims,

            @NotNull(message = "set TELEGRAM_HTTP_CONNECT_TIMEOUT")
            Duration connectTimeout,

            @NotNull(message = "set TELEGRAM_HTTP_CALL_TIMEOUT")
            Duration callTimeout,

            @NotNull(message = "set TELEGRAM_SEND_BUDGET") Duration budget) {

        /** RabbitMQ takes a message back from a consumer holding it longer than 30 minutes (consumer_timeout). */
        static final Duration CONSUMER_TIMEOUT_MARGIN = Duration.ofMinutes(25);

        public Send {
            if (budget != null
                    && (budget.compareTo(CONSUMER_TIMEOUT_MARGIN) > 0 || budget.isNegative() || budget.isZero())) {
                throw new IllegalArgumentException(
                        "TELEGRAM_SEND_BUDGET must be above 0 and at most 25m, below RabbitMQ's "
                                + "30 min consumer_timeout");
            }
            if (budget != null && callTimeout != null && budget.compareTo(callTimeout) < 0) {
                throw new IllegalArgumentException("TELEGRAM_SEND_BUDGET must be at least TELEGRAM_HTTP_CALL_TIMEOUT");
            }
        }

        /** A claim outlives one attempt (call plus the longest wait before it); it is renewed before each. */
        public Duration claimLease() {
            Duration longestWait = maxRetryAfter.compareTo(maxBackoff) > 0 ? maxRetryAfter : maxBackoff;
            return callTimeout.plus(longestWait).plusSeconds(30);
        }

        public Duration backoffBefore(int attempt) {
            long millis = (long) (initialBackoff.toMillis() * Math.pow(2, Math.max(0, attempt - 2)));
            return Duration.ofMillis(Math.min(millis, maxBackoff.toMillis()));
        }
    }

    /** getUpdates long polling; the lease must outlast one poll so the holder renews it in time. */
    public record Polling(
            boolean enabled,
            @NotNull(message = "set TELEGRAM_POLL_TIMEOUT") Duration timeout,
            @NotNull(message = "set TELEGRAM_POLLER_LEASE") Duration lease,

            @NotNull(message = "set TELEGRAM_POLL_ERROR_BACKOFF")
            Duration errorBackoff) {

        public Polling {
            if (timeout != null && lease != null && lease.compareTo(timeout.multipliedBy(2)) < 0) {
                throw new IllegalArgumentException(
                        "TELEGRAM_POLLER_LEASE must be at least twice TELEGRAM_POLL_TIMEOUT");
            }
        }
    }

    private static void require(String value, String message) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(message);
        }
    }

    /** The token never appears in logs, start-up failure reports or actuator output. */
    @Override
    public String toString() {
        return "TelegramProperties[botToken=" + (logOnly() ? "<unset: log-only>" : "<redacted>") + ", channelId="
                + channelId
                + ", adminChatId=" + adminChatId + ", apiBaseUrl=" + apiBaseUrl + ", mediaRoot=" + mediaRoot
                + ", adminUserIds=" + adminUserIds + ", memberUserIds=" + memberUserIds + ", instagramUrl="
                + instagramUrl
                + ", alertThrottle=" + alertThrottle + ", send=" + send + ", polling=" + polling + ", dryRun=" + dryRun
                + ", callbackSecret="
                + (callbackSecret == null || callbackSecret.isBlank() ? "<from bot token>" : "<redacted>") + "]";
    }
}
