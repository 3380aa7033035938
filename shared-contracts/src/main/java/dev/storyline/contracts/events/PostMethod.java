package dev.storyline.contracts.events;

import com.fasterxml.jackson.annotation.JsonValue;

/** How a story reached Instagram; the wire and database value is the lower-case name. */
public enum PostMethod {
    INSTAGRAM_API,
    TELEGRAM_MANUAL;

    @JsonValue
    public String wireName() {
        return name().toLowerCase();
    }
}
