package dev.storyline.instagram.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Set;

/**
 * A failed Graph API call as Meta describes it ({@code {"error":{"message","type","code","error_subcode",
 * "is_transient","fbtrace_id"}}}) or as the network did (status only, no body), and its category.
 */
public record GraphError(
        int httpStatus,
        Integer code,
        Integer subcode,
        String type,
        String message,
        boolean isTransient,
        String fbtraceId) {

    private static final Set<Integer> THROTTLING_CODES = Set.of(4, 17, 32, 613);
    private static final int QUOTA_CODE = 9;
    private static final int QUOTA_SUBCODE = 2207042;
    private static final Set<Integer> MEDIA_CODES = Set.of(352, 9004, 36000, 36001, 36003);
    /** Subcodes in the 2207xxx media range that Meta documents as "try again" rather than "this media is bad". */
    private static final Set<Integer> TRANSIENT_SUBCODES =
            Set.of(2207001, 2207003, 2207008, 2207020, 2207027, 2207032, 2207053);
    /** In the 2207xxx range but about the account, not the media: a restricted account (code 25). */
    private static final Set<Integer> ACCOUNT_SUBCODES = Set.of(2207050);
    /** Server-side codes: unknown error, service unavailable, and "media not ready yet" (9007). */
    private static final Set<Integer> TRANSIENT_CODES = Set.of(-2, -1, 1, 2, 9007);

    public static GraphError network(String message) {
        return new GraphError(0, null, null, null, message, true, null);
    }

    /** Reads Meta's error body; anything else (an HTML 502 page, an empty body) keeps just the status. */
    public static GraphError from(int httpStatus, String body, ObjectMapper json) {
        try {
            JsonNode error = json.readTree(body == null ? "" : body).path("error");
            if (error.isObject()) {
                return new GraphError(
                        httpStatus,
                        error.hasNonNull("code") ? error.get("code").asInt() : null,
                        error.hasNonNull("error_subcode")
                                ? error.get("error_subcode").asInt()
                                : null,
                        error.path("type").asText(null),
                        error.path("message").asText("HTTP " + httpStatus),
                        error.path("is_transient").asBoolean(false),
                        error.path("fbtrace_id").asText(null));
            }
        } catch (Exception ignored) {
            // not JSON: fall through to the status alone
        }
        return new GraphError(httpStatus, null, null, null, "HTTP " + httpStatus + " from the Graph API", false, null);
    }

    /** Order matters: a transient 2207xxx subcode must not be read as a rejected medium. */
    public GraphErrorCategory category() {
        int c = code == null ? Integer.MIN_VALUE : code;
        int s = subcode == null ? Integer.MIN_VALUE : subcode;
        if (c == 190) {
            return GraphErrorCategory.TOKEN_EXPIRED;
        }
        if (THROTTLING_CODES.contains(c) || (c >= 80000 && c <= 80014) || (c == QUOTA_CODE && s == QUOTA_SUBCODE)) {
            return GraphErrorCategory.RATE_LIMITED;
        }
        if (isTransient
                || httpStatus >= 500
                || httpStatus == 0
                || TRANSIENT_SUBCODES.contains(s)
                || TRANSIENT_CODES.contains(c)) {
            return GraphErrorCategory.TRANSIENT;
        }
        if (MEDIA_CODES.contains(c) || (s >= 2207000 && s <= 2207999 && !ACCOUNT_SUBCODES.contains(s))) {
            return GraphErrorCategory.MEDIA_REJECTED;
        }
        return GraphErrorCategory.OTHER;
    }

    /** Meta's message with its codes, for the fallback event and the publications row. */
    public String describe() {
        StringBuilder text = new StringBuilder(message);
        if (code != null) {
            text.append(" (code ").append(code);
            if (subcode != null) {
                text.append(", subcode ").append(subcode);
            }
            if (fbtraceId != null) {
                text.append(", fbtrace_id ").append(fbtraceId);
            }
            text.append(')');
        }
        return text.toString();
    }
}
