package dev.storyline.contracts.events;

import java.time.Instant;
import java.util.Objects;

/**
 * A person decided what happened to a manual post, on Telegram or through the admin API. The first
 * decision wins.
 *
 * <p>{@code by} and {@code via} were added within schema version 1 as optional fields (the codec
 * ignores fields it does not know, so older consumers read newer events unchanged): {@code by} names
 * who decided (an e-mail, "cli", a Telegram name), {@code via} the face they used ({@link #VIA_TELEGRAM},
 * {@link #VIA_WEB_CONSOLE}, {@link #VIA_CLI}, {@link #VIA_ADMIN_API}, {@link #VIA_DRY_RUN}). Both are null in
 * events from producers that predate them; then a non-zero {@code telegramUserId} means Telegram.
 * {@code via} is free text rather than an enum so a face added later never makes an event unreadable.
 */
public record ManualPostResolved(
        ManualAction action, long telegramUserId, String telegramUsername, Instant resolvedAt, String by, String via)
        implements EventPayload {

    public static final String VIA_TELEGRAM = "telegram";
    public static final String VIA_WEB_CONSOLE = "web-console";
    public static final String VIA_CLI = "cli";
    public static final String VIA_ADMIN_API = "admin-api";
    public static final String VIA_DRY_RUN = "dry-run";

    public ManualPostResolved {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(resolvedAt, "resolvedAt");
    }

    /** As producers before {@code by}/{@code via} wrote it. */
    public ManualPostResolved(ManualAction action, long telegramUserId, String telegramUsername, Instant resolvedAt) {
        this(action, telegramUserId, telegramUsername, resolvedAt, null, null);
    }

    /** The face the decision came through, also for events that predate {@code via}. */
    public String face() {
        if (via != null && !via.isBlank()) {
            return via;
        }
        return telegramUserId != 0 ? VIA_TELEGRAM : VIA_ADMIN_API;
    }

    /** Who decided, also for events that predate {@code by}. */
    public String who() {
        if (by != null && !by.isBlank()) {
            return by;
        }
        return telegramUsername == null || telegramUsername.isBlank() ? "someone" : telegramUsername;
    }

    @Override
    public String routingKey() {
        return "post.manual-resolved";
    }
}
