package dev.storyline.console.connect;

/**
 * Meta refused a step of the sign-in (or did not answer). The message is a sentence for the page, never
 * Meta's raw body and never a token.
 */
class MetaException extends RuntimeException {

    MetaException(String message) {
        super(message, null, false, false);
    }
}
