package dev.storyline.contracts.events;

import java.util.Objects;

/**
 * Something an admin should read on Telegram.
 *
 * @param alertKey stable key used to throttle repeats, e.g. {@code token-expiring:default}
 */
public record AdminAlert(String alertKey, AlertSeverity severity, String text) implements EventPayload {

    public AdminAlert {
        Events.requireText(alertKey, "alertKey");
        Objects.requireNonNull(severity, "severity");
        Events.requireText(text, "text");
    }

    @Override
    public String routingKey() {
        return "admin.alert";
    }
}
