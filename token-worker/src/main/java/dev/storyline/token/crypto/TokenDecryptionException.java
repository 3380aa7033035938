package dev.storyline.token.crypto;

/** A stored value could not be opened. Says which account and key, never anything about the value. */
public class TokenDecryptionException extends RuntimeException {

    public TokenDecryptionException(String message) {
        super(message);
    }
}
