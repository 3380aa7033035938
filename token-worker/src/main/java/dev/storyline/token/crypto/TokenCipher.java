package dev.storyline.token.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/**
 * AES-256-GCM with the JDK's provider. Each value gets a fresh random 12-byte nonce (never reused
 * under one key), and the account id is bound as associated data, so a ciphertext copied onto another
 * account's row fails to open instead of handing that account someone else's token.
 */
public class TokenCipher {

    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final KeyRing keys;
    private final SecureRandom random = new SecureRandom();

    public TokenCipher(KeyRing keys) {
        this.keys = keys;
    }

    public Sealed seal(String accountId, AccessToken token) {
        KeyRing.Key key = keys.newest();
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, key.secret(), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData(accountId));
            return new Sealed(key.id(), nonce, cipher.doFinal(token.reveal().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            // no cause attached: provider messages are harmless, but nothing here should ever carry plaintext
            throw new IllegalStateException("AES-GCM encryption failed for account '" + accountId + "': "
                    + e.getClass().getSimpleName());
        }
    }

    public AccessToken open(String accountId, Sealed sealed) {
        KeyRing.Key key = keys.byId(sealed.keyId())
                .orElseThrow(() -> new TokenDecryptionException("the token of account '" + accountId
                        + "' is sealed with key '" + sealed.keyId() + "', which is not in TOKEN_ENCRYPTION_KEYS "
                        + keys.ids() + "; add it back (after the newest) and rotate"));
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, key.secret(), new GCMParameterSpec(TAG_BITS, sealed.nonce()));
            cipher.updateAAD(associatedData(accountId));
            return AccessToken.of(new String(cipher.doFinal(sealed.ciphertext()), StandardCharsets.UTF_8));
        } catch (AEADBadTagException e) {
            throw new TokenDecryptionException("the stored token of account '" + accountId + "' (key '" + key.id()
                    + "') failed authentication: the ciphertext was altered or belongs to another account");
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new TokenDecryptionException("the stored token of account '" + accountId + "' (key '" + key.id()
                    + "') cannot be opened: " + e.getClass().getSimpleName());
        }
    }

    public boolean isSealedWithNewest(Sealed sealed) {
        return keys.newest().id().equals(sealed.keyId());
    }

    public String newestKeyId() {
        return keys.newest().id();
    }

    private static byte[] associatedData(String accountId) {
        return ("storyline/api_tokens/v1/account=" + accountId).getBytes(StandardCharsets.UTF_8);
    }
}
