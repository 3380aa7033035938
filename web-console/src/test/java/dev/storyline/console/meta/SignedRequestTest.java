package dev.storyline.console.meta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.NumericChars;
import net.jqwik.api.constraints.StringLength;

/**
 * Meta's signed_request: accepted exactly when it is Meta's format, signed with our app secret over the
 * encoded payload, with HMAC-SHA256 claimed; anything else is refused with a reason that names the part.
 */
class SignedRequestTest {

    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();
    private final ObjectMapper json = new ObjectMapper();

    private static String payload(String algorithm, long issuedAt, String userId) {
        return "{\"algorithm\":\"" + algorithm + "\",\"issued_at\":" + issuedAt + ",\"user_id\":\"" + userId + "\"}";
    }

    private SignedRequest verify(String signedRequest) {
        return SignedRequest.verify(signedRequest, SECRET, json);
    }

    @Property(tries = 300)
    void a_request_signed_with_the_app_secret_is_accepted_with_its_user_and_time(
            @ForAll @NumericChars @StringLength(min = 1, max = 20) String userId,
            @ForAll @LongRange(min = 0, max = 4_000_000_000L) long issuedAt) {
        SignedRequest request = verify(SignedRequest.sign(payload("HMAC-SHA256", issuedAt, userId), SECRET));

        assertThat(request.userId()).isEqualTo(userId);
        assertThat(request.issuedAt()).isEqualTo(issuedAt);
    }

    @Property(tries = 300)
    void the_same_request_with_its_base64_padding_is_accepted_too(
            @ForAll @NumericChars @StringLength(min = 1, max = 20) String userId) {
        String signed = SignedRequest.sign(payload("HMAC-SHA256", 1_780_000_000L, userId), SECRET);
        int dot = signed.indexOf('.');
        String payloadPart = signed.substring(dot + 1);
        String signaturePart = signed.substring(0, dot);
        // padding changes the text but not the bytes; Meta signs the text it sends, so sign the padded text
        String padded = payloadPart + "=".repeat((4 - payloadPart.length() % 4) % 4);
        String withPadding = URL.encodeToString(SignedRequest.hmac(SECRET, padded)) + "=." + padded;

        assertThat(signaturePart).doesNotContain("=");
        assertThat(verify(withPadding).userId()).isEqualTo(userId);
    }

    @Property(tries = 500)
    void changing_any_character_of_a_signed_request_is_refused(
            @ForAll @IntRange(min = 0, max = 10_000) int position, @ForAll("base64urlChar") char replacement) {
        String signed = SignedRequest.sign(payload("HMAC-SHA256", 1_780_000_000L, "17840000000000000"), SECRET);
        int at = position % signed.length();
        if (signed.charAt(at) == '.' || signed.charAt(at) == replacement) {
            return;
        }
        String tampered = signed.substring(0, at) + replacement + signed.substring(at + 1);
        // a changed last character can decode to the same bytes (its low bits are padding); then it is the same request
        boolean sameBytes = sameBytes(signed, tampered);
        if (!sameBytes) {
            assertThatThrownBy(() -> verify(tampered)).isInstanceOf(SignedRequest.Invalid.class);
        }
    }

    @Property(tries = 300)
    void any_text_that_is_not_a_signed_request_is_refused_without_an_unexpected_exception(
            @ForAll @StringLength(max = 3000) String garbage) {
        assertThatThrownBy(() -> verify(garbage))
                .isInstanceOf(SignedRequest.Invalid.class)
                .hasMessageStartingWith("signed_request ");
    }

    @Property(tries = 200)
    void a_request_signed_with_another_secret_is_refused(@ForAll @StringLength(min = 1, max = 64) String other) {
        if (other.equals(new String(SECRET, StandardCharsets.UTF_8))) {
            return;
        }
        String signed = SignedRequest.sign(
                payload("HMAC-SHA256", 1, "17840000000000000"), other.getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> verify(signed)).hasMessageContaining("signature does not match");
    }

    @Example
    void tampered_payload_is_refused() {
        String signed = SignedRequest.sign(payload("HMAC-SHA256", 1, "17840000000000000"), SECRET);
        String otherPayload = URL.encodeToString(
                payload("HMAC-SHA256", 1, "17840000000000001").getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> verify(signed.substring(0, signed.indexOf('.') + 1) + otherPayload))
                .hasMessage("signed_request signature does not match (wrong app secret or changed payload)");
    }

    @Example
    void tampered_signature_is_refused() {
        String signed = SignedRequest.sign(payload("HMAC-SHA256", 1, "17840000000000000"), SECRET);
        byte[] signature = Base64.getUrlDecoder().decode(signed.substring(0, signed.indexOf('.')));
        signature[0] ^= 1;
        assertThatThrownBy(() -> verify(URL.encodeToString(signature) + signed.substring(signed.indexOf('.'))))
                .hasMessageContaining("signature does not match");
    }

    @Example
    void an_algorithm_other_than_hmac_sha256_is_refused_even_when_signed() {
        for (String algorithm : new String[] {"HMAC-SHA1", "none", "", "HMAC-SHA512"}) {
            assertThatThrownBy(() -> verify(SignedRequest.sign(payload(algorithm, 1, "1"), SECRET)))
                    .as(algorithm)
                    .hasMessage("signed_request algorithm must be HMAC-SHA256");
        }
        String unsigned = "." + URL.encodeToString(payload("none", 1, "1").getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> verify(unsigned)).isInstanceOf(SignedRequest.Invalid.class);
    }

    @Example
    void garbage_base64_a_missing_dot_and_extra_dots_are_refused_naming_the_part() {
        String signed = SignedRequest.sign(payload("HMAC-SHA256", 1, "1"), SECRET);
        assertThatThrownBy(() -> verify("***." + signed.substring(signed.indexOf('.') + 1)))
                .hasMessage("signed_request signature is not base64url");
        assertThatThrownBy(() -> verify(signed.substring(0, signed.indexOf('.') + 1) + "a+b/c"))
                .hasMessage("signed_request payload is not base64url");
        assertThatThrownBy(() -> verify(signed.replace(".", "")))
                .hasMessage("signed_request must be two base64url parts joined by one dot");
        assertThatThrownBy(() -> verify(signed + ".x"))
                .hasMessage("signed_request must be two base64url parts joined by one dot");
        assertThatThrownBy(() -> verify(null)).hasMessage("signed_request is missing");
    }

    @Example
    void an_oversize_request_is_refused_before_any_decoding() {
        String huge = "A".repeat(SignedRequest.MAX_LENGTH) + ".A";
        assertThatThrownBy(() -> verify(huge)).hasMessage("signed_request is longer than 2048 characters");
    }

    @Example
    void a_signed_payload_without_a_numeric_user_or_time_is_refused() {
        assertThatThrownBy(() -> verify(SignedRequest.sign(
                        "{\"algorithm\":\"HMAC-SHA256\",\"issued_at\":1,\"user_id\":\"../x\"}", SECRET)))
                .hasMessage("signed_request user_id must be 1 to 40 digits");
        assertThatThrownBy(
                        () -> verify(SignedRequest.sign("{\"algorithm\":\"HMAC-SHA256\",\"user_id\":\"1\"}", SECRET)))
                .hasMessage("signed_request issued_at must be a whole number of seconds");
        assertThatThrownBy(() -> verify(SignedRequest.sign("[1,2]", SECRET)))
                .hasMessage("signed_request payload is not a JSON object");
        assertThat(verify(SignedRequest.sign(
                                "{\"algorithm\":\"hmac-sha256\",\"issued_at\":5,\"user_id\":17840000000000000}",
                                SECRET))
                        .userId())
                .isEqualTo("17840000000000000");
    }

    @Example
    void its_text_form_never_shows_the_user_id() {
        SignedRequest request = verify(SignedRequest.sign(payload("HMAC-SHA256", 1, "17840000000000000"), SECRET));
        assertThat(request.toString()).doesNotContain("17840000000000000");
        assertThat(request.requestKey()).matches("[0-9a-f]{64}");
    }

    @Provide
    Arbitrary<Character> base64urlChar() {
        return Arbitraries.of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".toCharArray());
    }

    private static boolean sameBytes(String a, String b) {
        try {
            String[] pa = a.split("\\."), pb = b.split("\\.");
            return java.util.Arrays.equals(
                            Base64.getUrlDecoder().decode(pa[0]),
                            Base64.getUrlDecoder().decode(pb[0]))
                    && pa[1].equals(pb[1]);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
