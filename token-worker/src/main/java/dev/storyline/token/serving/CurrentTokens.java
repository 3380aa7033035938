package dev.storyline.token.serving;

import dev.storyline.token.crypto.TokenCipher;
import dev.storyline.token.crypto.TokenDecryptionException;
import dev.storyline.token.store.StoredToken;
import dev.storyline.token.store.TokenStore;
import java.util.NoSuchElementException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The account's active token, opened. Read from the store on every call (no cache here): a refresh or a
 * PUT is visible to the next caller at once, and the callers cache for a short TTL themselves.
 */
@Component
class CurrentTokens {

    private static final Logger log = LoggerFactory.getLogger(CurrentTokens.class);

    private final TokenStore store;
    private final TokenCipher cipher;

    CurrentTokens(TokenStore store, TokenCipher cipher) {
        this.store = store;
        this.cipher = cipher;
    }

    /** @throws NoSuchElementException (answered 404) when the account has no usable token */
    ServedToken current(String accountId) {
        StoredToken token = store.active(accountId)
                .orElseThrow(() -> new NoSuchElementException(
                        "account '" + accountId + "' has no active token (never stored, or revoked); "
                                + "put one with PUT /api/accounts/" + accountId + "/token"));
        String value;
        try {
            value = cipher.open(accountId, token.sealed()).reveal();
        } catch (TokenDecryptionException e) {
            // unusable until an operator acts, like a missing token: the caller routes the post to Telegram
            throw new NoSuchElementException("account '" + accountId + "' has no usable token: " + e.getMessage());
        }
        log.debug("serving the token of account '{}' (expires {})", accountId, token.expiresAt());
        return new ServedToken(
                accountId, value, token.loginType(), token.instagramUserId(), token.expiresAt(), token.generation());
    }
}
