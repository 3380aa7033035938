package dev.storyline.token.store;

import dev.storyline.token.crypto.AccessToken;
import dev.storyline.token.crypto.Sealed;
import dev.storyline.token.crypto.TokenCipher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Re-encrypts every row (revoked ones too) with the newest key of TOKEN_ENCRYPTION_KEYS, so the
 * older keys can then be removed from the variable. All rows in one transaction: a row that cannot
 * be opened aborts the whole rotation rather than leaving it half done.
 */
@Component
public class KeyRotation {

    private static final Logger log = LoggerFactory.getLogger(KeyRotation.class);

    public record Report(String newestKeyId, int reencrypted) {}

    private final TokenStore store;
    private final TokenCipher cipher;
    private final TransactionTemplate transactions;

    public KeyRotation(TokenStore store, TokenCipher cipher, TransactionTemplate transactions) {
        this.store = store;
        this.cipher = cipher;
        this.transactions = transactions;
    }

    public Report rotate() {
        String newest = cipher.newestKeyId();
        Integer count = transactions.execute(status -> {
            int done = 0;
            for (StoredToken row : store.notSealedWith(newest)) {
                AccessToken value = cipher.open(row.accountId(), row.sealed());
                Sealed resealed = cipher.seal(row.accountId(), value);
                if (store.reseal(row.id(), row.sealed(), resealed)) {
                    done++;
                }
            }
            return done;
        });
        log.info("key rotation: {} token row(s) re-encrypted with key '{}'", count, newest);
        return new Report(newest, count == null ? 0 : count);
    }
}
