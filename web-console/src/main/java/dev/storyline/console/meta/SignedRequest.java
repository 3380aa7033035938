package dev.storyline.console.meta;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A verified {@code signed_request} from Meta: {@code base64url(signature).base64url(payload)}, the signature
 * being HMAC-SHA256 of the encoded payload text with the app secret. Only {@link #verify} makes one, so
 * holding one means Meta signed it.
 *
 * @param userId the app-scoped user id (for Instagram Login, the Instagram user id)
 * @param issuedAt when Meta signed it, seconds since the epoch
 */
public record SignedRequest(String userId, long issuedAt) {

    /** A signed_request is a few hundred characters; anything this long is not one. */
    public static final int MAX_LENGTH = 2048;

    private static final Pattern BASE64URL = Pattern.compile("[A-Za-z0-9_-]+={0,2}");
    private static final Pattern USER_ID = Pattern.compile("[0-9]{1,40}");
    private static final int SIGNATURE_BYTES = 32;

    /** Why a signed_request was refused, in words safe to send back (never a secret, never the input). */
    public static final class Invalid extends RuntimeException {
        Invalid(String reason) {
            super("signed_request " + reason, null, false, false);
        }
    }

    /** Checks the signature in constant time before reading anything the payload claims. */
    public static SignedRequest verify(String signedRequest, byte[] appSecret, ObjectMapper json) {
        if (signedRequest == null || signedRequest.isBlank()) {
            throw new Invalid("is missing");
        }
        if (signedRequest.length() > MAX_LENGTH) {
            throw new Invalid("is longer than " + MAX_LENGTH + " characters");
        }
        int dot = signedRequest.indexOf('.');
        if (dot < 0 || dot != signedRequest.lastIndexOf('.')) {
            throw new Invalid("must be two base64url parts joined by one dot");
        }
        String encodedSignature = signedRequest.substring(0, dot);
        String encodedPayload = signedRequest.substring(dot + 1);
        byte[] signature = decode(encodedSignature, "signature");
        byte[] payload = decode(encodedPayload, "payload");
        if (signature.length != SIGNATURE_BYTES || !MessageDigest.isEqual(signature, hmac(appSecret, encodedPayload))) {
            throw new Invalid("signature does not match (wrong app secret or changed payload)");
        }
        JsonNode claims;
        try {
            claims = json.readTree(payload);
        } catch (IOException e) {
            throw new Invalid("payload is not JSON");
        }
        if (claims == null || !claims.isObject()) {
            throw new Invalid("payload is not a JSON object");
        }
        JsonNode algorithm = claims.get("algorithm");
        if (algorithm == null || !algorithm.isTextual() || !"HMAC-SHA256".equalsIgnoreCase(algorithm.asText())) {
            throw new Invalid("algorithm must be HMAC-SHA256");
        }
        JsonNode issuedAt = claims.get("issued_at");
        if (issuedAt == null || !issuedAt.canConvertToLong() || !issuedAt.isIntegralNumber() || issuedAt.asLong() < 0) {
            throw new Invalid("issued_at must be a whole number of seconds");
        }
        JsonNode user = claims.get("user_id");
        String userId = user == null || !(user.isTextual() || user.isIntegralNumber()) ? "" : user.asText();
        if (!USER_ID.matcher(userId).matches()) {
            throw new Invalid("user_id must be 1 to 40 digits");
        }
        return new SignedRequest(userId, issuedAt.asLong());
    }

    /** Stable for one request of one person, so Meta repeating it is recognised; the id itself is not kept. */
    public String requestKey() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((userId + ":" + issuedAt).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** What the tests and docs use to build a request Meta would send. */
    public static String sign(String payloadJson, byte[] appSecret) {
        Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
        String encodedPayload = encoder.encodeToString(payloadJson.getBytes(StandardCharsets.UTF_8));
        return encoder.encodeToString(hmac(appSecret, encodedPayload)) + "." + encodedPayload;
    }

    static byte[] hmac(byte[] secret, String encodedPayload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(encodedPayload.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private static byte[] decode(String part, String name) {
        if (!BASE64URL.matcher(part).matches()) {
            throw new Invalid(name + " is not base64url");
        }
        try {
            // the URL decoder takes the part with or without its '=' padding, as Meta sends it without
            return Base64.getUrlDecoder().decode(part);
        } catch (IllegalArgumentException e) {
            throw new Invalid(name + " is not base64url");
        }
    }

    @Override
    public String toString() {
        // the user id is personal data: logs and traces get the request key's start only
        return "SignedRequest[request=" + requestKey().substring(0, 12) + ", issuedAt=" + issuedAt + "]";
    }
}
