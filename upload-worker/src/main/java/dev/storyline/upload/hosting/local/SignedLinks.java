package dev.storyline.upload.hosting.local;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Links of the form {@code <base>/media/<publicId>?expires=<epochSeconds>&signature=<hex>}, where the
 * signature is HMAC-SHA256 over {@code publicId + "\n" + expires}: neither can be changed without the key.
 */
@Component
@ConditionalOnLocalStorage
public class SignedLinks {

    private static final String ALGORITHM = "HmacSHA256";
    private static final HexFormat HEX = HexFormat.of();

    private final String publicBaseUrl;
    private final SecretKeySpec key;

    public SignedLinks(LocalStorageProperties properties) {
        this.publicBaseUrl = properties.publicBaseUrl();
        this.key = new SecretKeySpec(properties.signingKey().getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    public String url(String publicId, Instant expiresAt) {
        long expires = expiresAt.getEpochSecond();
        return UriComponentsBuilder.fromUriString(publicBaseUrl)
                .pathSegment("media", publicId)
                .queryParam("expires", expires)
                .queryParam("signature", HEX.formatHex(mac(publicId, expires)))
                .encode()
                .toUriString();
    }

    /** Whether {@code signature} was made by {@link #url} for exactly this publicId and expiry. */
    public boolean verifies(String publicId, long expires, String signature) {
        byte[] presented;
        try {
            presented = HEX.parseHex(signature);
        } catch (IllegalArgumentException e) {
            return false;
        }
        // constant time, so the signature cannot be guessed byte by byte from response times
        return MessageDigest.isEqual(mac(publicId, expires), presented);
    }

    private byte[] mac(String publicId, long expires) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM); // a Mac is stateful; one per call keeps this thread-safe
            mac.init(key);
            return mac.doFinal((publicId + "\n" + expires).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is unavailable", e);
        }
    }
}
