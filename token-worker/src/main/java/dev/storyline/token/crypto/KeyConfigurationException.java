package dev.storyline.token.crypto;

/** TOKEN_ENCRYPTION_KEYS is missing or malformed. The message names the variable, never a key. */
public class KeyConfigurationException extends IllegalStateException {

    public KeyConfigurationException(String message) {
        super(message);
    }
}
