package dev.storyline.token.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class TokenCipherTest {

    private static final String K1 = "k1:" + Base64.getEncoder().encodeToString(new byte[32]);
    private static final String K2 = "k2:" + Base64.getEncoder().encodeToString(filled(7));
    private static final AccessToken TOKEN = AccessToken.of("IGQVJ-secret-token-value-123");

    private static byte[] filled(int value) {
        byte[] bytes = new byte[32];
        java.util.Arrays.fill(bytes, (byte) value);
        return bytes;
    }

    @Test
    void seals_with_the_newest_key_and_a_fresh_nonce_each_time() {
        TokenCipher cipher = new TokenCipher(KeyRing.parse(K2 + "," + K1));
        Sealed first = cipher.seal("default", TOKEN);
        Sealed second = cipher.seal("default", TOKEN);

        assertThat(first.keyId()).isEqualTo("k2");
        assertThat(first.nonce()).hasSize(12).isNotEqualTo(second.nonce());
        assertThat(first.ciphertext()).isNotEqualTo(second.ciphertext());
        assertThat(new String(first.ciphertext(), java.nio.charset.StandardCharsets.ISO_8859_1))
                .doesNotContain("secret");
        assertThat(cipher.open("default", first).reveal()).isEqualTo(TOKEN.reveal());
    }

    @Test
    void opens_values_sealed_with_an_older_key_still_in_the_ring() {
        Sealed old = new TokenCipher(KeyRing.parse(K1)).seal("default", TOKEN);
        assertThat(new TokenCipher(KeyRing.parse(K2 + "," + K1))
                        .open("default", old)
                        .reveal())
                .isEqualTo(TOKEN.reveal());
    }

    @Test
    void a_value_sealed_with_a_key_no_longer_listed_fails_with_the_key_id() {
        Sealed old = new TokenCipher(KeyRing.parse(K1)).seal("default", TOKEN);
        assertThatThrownBy(() -> new TokenCipher(KeyRing.parse(K2)).open("default", old))
                .isInstanceOf(TokenDecryptionException.class)
                .hasMessageContaining("'k1'")
                .hasMessageContaining("TOKEN_ENCRYPTION_KEYS");
    }

    @Test
    void rejects_tampered_ciphertext_without_revealing_the_token() {
        TokenCipher cipher = new TokenCipher(KeyRing.parse(K1));
        Sealed sealed = cipher.seal("default", TOKEN);
        byte[] tampered = sealed.ciphertext().clone();
        tampered[3] ^= 0x01;

        assertThatThrownBy(() -> cipher.open("default", new Sealed("k1", sealed.nonce(), tampered)))
                .isInstanceOf(TokenDecryptionException.class)
                .hasMessageContaining("failed authentication")
                .hasNoCause()
                .satisfies(e -> assertThat(e.toString()).doesNotContain(TOKEN.reveal()));
    }

    @Test
    void a_ciphertext_copied_to_another_account_does_not_open() {
        TokenCipher cipher = new TokenCipher(KeyRing.parse(K1));
        Sealed sealed = cipher.seal("alice", TOKEN);
        assertThatThrownBy(() -> cipher.open("bob", sealed))
                .isInstanceOf(TokenDecryptionException.class)
                .hasMessageContaining("another account");
    }

    @Test
    void malformed_keys_are_refused_with_a_message_naming_the_variable_and_never_the_key() {
        String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
        assertThatThrownBy(() -> KeyRing.parse("")).hasMessageContaining("TOKEN_ENCRYPTION_KEYS is not set");
        assertThatThrownBy(() -> KeyRing.parse("k1:" + shortKey))
                .hasMessageContaining("TOKEN_ENCRYPTION_KEYS")
                .hasMessageContaining("16 bytes")
                .hasMessageNotContaining(shortKey);
        assertThatThrownBy(() -> KeyRing.parse("k1:not*base64!"))
                .hasMessageContaining("TOKEN_ENCRYPTION_KEYS key 'k1' is not valid base64")
                .hasMessageNotContaining("not*base64!");
        assertThatThrownBy(() -> KeyRing.parse(K1 + "," + K1.replace("k1", "k1")))
                .hasMessageContaining("'k1' more than once");
        assertThatThrownBy(() -> KeyRing.parse(Base64.getEncoder().encodeToString(new byte[32])))
                .hasMessageContaining("TOKEN_ENCRYPTION_KEYS entry 1 is not id:base64key");
        assertThatThrownBy(() -> KeyRing.parse(K1 + ",")).hasMessageContaining("TOKEN_ENCRYPTION_KEYS entry 2");
    }

    @Test
    void an_access_token_never_prints_itself() {
        assertThat(TOKEN.toString()).doesNotContain(TOKEN.reveal());
        assertThat(String.valueOf(new Object[] {TOKEN}[0])).isEqualTo("AccessToken[redacted]");
        assertThat(TOKEN.scrub("Invalid token " + TOKEN.reveal() + " given"))
                .isEqualTo("Invalid token [redacted] given");
    }
}
