package dev.storyline.testkit.fakes;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** A query string or form body (application/x-www-form-urlencoded) as the wire fakes read it. */
public final class QueryString {

    private QueryString() {}

    /**
     * The decoded pairs in their order; of two with the same name the later wins. A pair without a name or
     * without "=" is left out, as no client under test sends one; null or blank is empty.
     */
    public static Map<String, String> parse(String raw) {
        Map<String, String> result = new LinkedHashMap<>();
        if (raw == null || raw.isBlank()) {
            return result;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                result.put(
                        URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return result;
    }
}
