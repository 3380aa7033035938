package dev.storyline.token.store;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/** How the token was obtained; it decides which host and grant refresh it. */
public enum LoginType {
    INSTAGRAM_LOGIN,
    FACEBOOK_LOGIN;

    @JsonValue
    public String wireName() {
        return name().toLowerCase();
    }

    public static LoginType fromWire(String value) {
        return Arrays.stream(values())
                .filter(t -> t.wireName().equalsIgnoreCase(value == null ? "" : value.strip()))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "login type must be instagram_login or facebook_login, not '" + value + "'"));
    }
}
