package dev.storyline.token.serving;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** The guard of /internal/**, without a server: what it lets through and how it refuses. */
class InternalTokenFilterTest {

    private static final String SECRET = "a-shared-internal-secret";

    private static MockHttpServletResponse call(InternalApiProperties properties, String path, String authorization) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
        request.setRequestURI(path);
        if (authorization != null) {
            request.addHeader("Authorization", authorization);
        }
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();
        new InternalTokenFilter(properties).doFilter(request, response, chain);
        if (chain.getRequest() != null) {
            response.setStatus(299); // marks "passed on to the controller"
        }
        return response;
    }

    @Test
    void never_serves_a_token_when_STORYLINE_INTERNAL_TOKEN_is_unset() throws Exception {
        for (String unset : new String[]{null, "", "   "}) {
            MockHttpServletResponse response = call(new InternalApiProperties(unset), "/internal/accounts/default/access-token",
                    "Bearer " + unset);
            assertThat(response.getStatus()).isEqualTo(403);
            assertThat(response.getContentAsString()).contains("internal token API is off")
                    .contains("STORYLINE_INTERNAL_TOKEN is not set");
            assertThat(response.getHeader("Cache-Control")).isEqualTo("no-store");
        }
    }

    @Test
    void lets_only_the_exact_bearer_through() throws Exception {
        InternalApiProperties on = new InternalApiProperties(SECRET);
        String path = "/internal/accounts/default/access-token";
        assertThat(call(on, path, "Bearer " + SECRET).getStatus()).isEqualTo(299);
        assertThat(call(on, path, null).getStatus()).isEqualTo(401);
        assertThat(call(on, path, SECRET).getStatus()).as("no Bearer scheme").isEqualTo(401);
        assertThat(call(on, path, "Bearer " + SECRET + "x").getStatus()).isEqualTo(403);
        assertThat(call(on, path, "Bearer " + SECRET.substring(1)).getStatus()).isEqualTo(403);
    }

    @Test
    void leaves_paths_outside_internal_alone() throws Exception {
        assertThat(call(new InternalApiProperties(null), "/actuator/health", null).getStatus()).isEqualTo(299);
        assertThat(call(new InternalApiProperties(SECRET), "/api/tokens", null).getStatus())
                .as("the admin filter guards /api/**").isEqualTo(299);
    }
}
