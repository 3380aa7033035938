package dev.storyline.platform.security;

import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code STORYLINE_INTERNAL_TOKEN} as a service checks it (only token-worker sets
 * {@code storyline.internal.token}): the shared secret other services present on {@code /internal/**}.
 * Deliberately not the admin token: an operator's CLI credential must not double as the key that hands
 * out Instagram tokens in clear, and either can be rotated without the other. Unset: nothing opens
 * {@code /internal/**}.
 */
@Validated
@ConfigurationProperties("storyline.internal")
public record InternalApiProperties(
        // blank is allowed (the API is off); a set value must be long enough not to be guessed
        @Pattern(
                regexp = "\\s*|\\S{16,}",
                message =
                        "STORYLINE_INTERNAL_TOKEN must be at least 16 characters without spaces, e.g. $(openssl rand -hex 32)")
        String token) {

    public boolean configured() {
        return token != null && !token.isBlank();
    }

    @Override
    public String toString() {
        return "InternalApiProperties[token=" + (configured() ? "<redacted>" : "<unset>") + "]";
    }
}
