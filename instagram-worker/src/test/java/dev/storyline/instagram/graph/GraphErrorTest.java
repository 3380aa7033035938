package dev.storyline.instagram.graph;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** Classification of the error bodies Meta actually sends (codes as Meta documents them; see docs/failure-modes.md). */
class GraphErrorTest {

    private final ObjectMapper json = new ObjectMapper();

    private GraphErrorCategory categoryOf(int status, Integer code, Integer subcode, boolean transientFlag) {
        String body = "{\"error\":{\"message\":\"m\",\"type\":\"OAuthException\",\"code\":" + code
                + (subcode == null ? "" : ",\"error_subcode\":" + subcode)
                + ",\"is_transient\":" + transientFlag + ",\"fbtrace_id\":\"AbC\"}}";
        return GraphError.from(status, body, json).category();
    }

    @Test
    void an_invalid_or_expired_token_is_token_expired_whatever_the_subcode() {
        assertThat(categoryOf(400, 190, 463, false)).isEqualTo(GraphErrorCategory.TOKEN_EXPIRED);
        assertThat(categoryOf(400, 190, 460, false)).isEqualTo(GraphErrorCategory.TOKEN_EXPIRED);
        assertThat(categoryOf(401, 190, null, false)).isEqualTo(GraphErrorCategory.TOKEN_EXPIRED);
    }

    @Test
    void throttling_and_the_publishing_quota_are_rate_limited() {
        for (int code : new int[] {4, 17, 32, 613, 80002}) {
            assertThat(categoryOf(400, code, null, false))
                    .as("code %d", code)
                    .isEqualTo(GraphErrorCategory.RATE_LIMITED);
        }
        assertThat(categoryOf(400, 9, 2207042, false)).isEqualTo(GraphErrorCategory.RATE_LIMITED);
    }

    @Test
    void rejected_media_is_media_rejected() {
        assertThat(categoryOf(400, 9004, 2207052, false)).isEqualTo(GraphErrorCategory.MEDIA_REJECTED);
        assertThat(categoryOf(400, 36003, 2207009, false)).isEqualTo(GraphErrorCategory.MEDIA_REJECTED);
        assertThat(categoryOf(400, 352, 2207026, false)).isEqualTo(GraphErrorCategory.MEDIA_REJECTED);
        assertThat(categoryOf(400, 36000, 2207004, false)).isEqualTo(GraphErrorCategory.MEDIA_REJECTED);
        assertThat(categoryOf(400, 36001, 2207005, false)).isEqualTo(GraphErrorCategory.MEDIA_REJECTED);
    }

    @Test
    void server_errors_and_transient_subcodes_are_transient_even_in_the_media_range() {
        assertThat(categoryOf(500, -2, 2207003, false)).isEqualTo(GraphErrorCategory.TRANSIENT);
        assertThat(categoryOf(400, -1, 2207001, false)).isEqualTo(GraphErrorCategory.TRANSIENT);
        assertThat(categoryOf(400, 24, 2207008, false)).isEqualTo(GraphErrorCategory.TRANSIENT);
        assertThat(categoryOf(400, 9007, 2207027, false)).isEqualTo(GraphErrorCategory.TRANSIENT);
        assertThat(categoryOf(400, 100, null, true)).isEqualTo(GraphErrorCategory.TRANSIENT);
        assertThat(GraphError.from(502, "<html>Bad Gateway</html>", json).category())
                .isEqualTo(GraphErrorCategory.TRANSIENT);
        assertThat(GraphError.network("no answer within PT30S").category()).isEqualTo(GraphErrorCategory.TRANSIENT);
    }

    @Test
    void anything_else_is_other_and_keeps_metas_message() {
        GraphError error = GraphError.from(
                400,
                "{\"error\":{\"message\":\"Unsupported post request.\",\"type\":\"GraphMethodException\","
                        + "\"code\":100,\"error_subcode\":33,\"fbtrace_id\":\"Xy\"}}",
                json);
        assertThat(error.category()).isEqualTo(GraphErrorCategory.OTHER);
        assertThat(error.describe()).isEqualTo("Unsupported post request. (code 100, subcode 33, fbtrace_id Xy)");
        assertThat(categoryOf(400, 25, 2207050, false)).as("restricted account").isEqualTo(GraphErrorCategory.OTHER);
    }
}
