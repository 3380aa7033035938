package dev.storyline.token.crypto;

import java.util.HexFormat;

/** A token value encrypted with AES-256-GCM: the key it was sealed with, its nonce and ciphertext (with tag). */
public record Sealed(String keyId, byte[] nonce, byte[] ciphertext) {

    @Override
    public String toString() {
        return "Sealed[key=" + keyId + ", nonce=" + HexFormat.of().formatHex(nonce) + ", " + ciphertext.length
                + " bytes]";
    }
}
