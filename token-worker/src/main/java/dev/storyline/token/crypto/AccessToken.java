package dev.storyline.token.crypto;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * A plaintext access token. Not a record and no accessor named like a property, so neither
 * {@code toString()}, a JSON serializer nor a debug log of an enclosing object can print it; only
 * {@link #reveal()} (for the HTTP call and the cipher) gives the value out.
 */
public final class AccessToken {

    private final String value;

    private AccessToken(String value) {
        this.value = value;
    }

    public static AccessToken of(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("access token is empty");
        }
        String trimmed = value.strip();
        if (trimmed.chars().anyMatch(c -> c <= ' ' || c > '~')) {
            throw new IllegalArgumentException("access token contains whitespace or non-ASCII characters");
        }
        return new AccessToken(trimmed);
    }

    public String reveal() {
        return value;
    }

    /** SHA-256 of the value: enough to recognise a value seen before without keeping it (tokens are high-entropy). */
    public String fingerprint() {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    /** Removes this token from a text (e.g. an error message from Meta that echoes what it got). */
    public String scrub(String text) {
        return text == null ? null : text.replace(value, "[redacted]");
    }

    public boolean sameValueAs(AccessToken other) {
        return other != null
                && MessageDigest.isEqual(
                        value.getBytes(StandardCharsets.UTF_8), other.value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AccessToken other && sameValueAs(other);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return "AccessToken[redacted]";
    }
}
