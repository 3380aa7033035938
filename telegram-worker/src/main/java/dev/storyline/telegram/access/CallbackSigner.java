package dev.storyline.telegram.access;

import dev.storyline.telegram.TelegramProperties;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * Buttons carry {@code <data>.<mac>}: a 12-byte HMAC-SHA256 (16 base64url characters), so a client
 * crafting its own callback data (another post id, another account's /resume) is refused. 41 bytes
 * for a manual post's button, within Telegram's 64.
 */
@Component
public class CallbackSigner {

    public static final int MAX_BYTES = 64;
    private static final int MAC_BYTES = 12;
    private static final int MAC_CHARS = 16;

    private final SecretKeySpec key;

    public CallbackSigner(TelegramProperties properties) {
        byte[] secret;
        if (properties.callbackSecret() != null && !properties.callbackSecret().isBlank()) {
            secret = properties.callbackSecret().getBytes(StandardCharsets.UTF_8);
        } else {
            // No separate secret: one derived from the bot token, which is secret already.
            String token = properties.logOnly() ? "log-only" : properties.botToken();
            secret = sha256(("storyline callback key\n" + token).getBytes(StandardCharsets.UTF_8));
        }
        this.key = new SecretKeySpec(secret, "HmacSHA256");
    }

    public String sign(String data) {
        return data + "." + mac(data);
    }

    /** Whether the signed form of {@code data} fits in a button. */
    public static boolean fits(String data) {
        return data.getBytes(StandardCharsets.UTF_8).length + 1 + MAC_CHARS <= MAX_BYTES;
    }

    /** The data without its signature, or empty if it carries none or a wrong one. */
    public Optional<String> verify(String signed) {
        if (signed == null
                || signed.length() <= MAC_CHARS + 1
                || signed.charAt(signed.length() - MAC_CHARS - 1) != '.') {
            return Optional.empty();
        }
        String data = signed.substring(0, signed.length() - MAC_CHARS - 1);
        byte[] given = signed.substring(signed.length() - MAC_CHARS).getBytes(StandardCharsets.US_ASCII);
        byte[] expected = mac(data).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(given, expected) ? Optional.of(data) : Optional.empty();
    }

    private String mac(String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] full = mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(full, MAC_BYTES));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
