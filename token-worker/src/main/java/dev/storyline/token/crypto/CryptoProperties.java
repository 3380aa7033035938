package dev.storyline.token.crypto;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * @param encryptionKeys {@code TOKEN_ENCRYPTION_KEYS}: comma-separated {@code id:base64(32 bytes)}, newest first.
 *                       Parsed by {@link KeyRing}, not here: a binding error would print the value.
 */
@Validated
@ConfigurationProperties("storyline.crypto")
public record CryptoProperties(
        @NotBlank(
                message = "set TOKEN_ENCRYPTION_KEYS to id:base64(32 random bytes), newest first, "
                        + "e.g. k1:$(openssl rand -base64 32)")
        String encryptionKeys) {

    @Override
    public String toString() {
        return "CryptoProperties[encryptionKeys=<redacted>]";
    }
}
