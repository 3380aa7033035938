package dev.storyline.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The console's bearer API for {@code storyline users add}: STORYLINE_ADMIN_TOKEN only, stateless (no session
 * cookie, no CSRF), the Users page's checks named by field, a generated password returned once.
 */
@ConsolePageTest
class UsersApiTest {

    private static final String TOKEN = FakeSchedulerApi.TOKEN;

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> call(String method, String path, String token, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(
                        method,
                        json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void only_the_admin_token_opens_it_and_no_session_is_made() {
        for (String token : new String[] {null, "", "wrong", TOKEN + "x", TOKEN.toUpperCase()}) {
            HttpResponse<String> refused = call("GET", "/api/users", token, null);
            assertThat(refused.statusCode()).as(String.valueOf(token)).isEqualTo(401);
            assertThat(refused.body()).contains("STORYLINE_ADMIN_TOKEN");
        }
        HttpResponse<String> listed = call("GET", "/api/users", TOKEN, null);
        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(listed.body()).contains("\"email\":\"admin@example.com\"").contains("\"role\":\"admin\"");
        assertThat(listed.headers().allValues("Set-Cookie")).isEmpty();
        assertThat(call("GET", "/api/other", TOKEN, null).statusCode())
                .as("deny by default")
                .isEqualTo(401);
        assertThat(call("DELETE", "/api/users", TOKEN, null).statusCode()).isEqualTo(401);
        // a session of the pages does not open the API
        WebSession admin = new WebSession(port);
        admin.signIn(ConsoleTestSetup.ADMIN, ConsoleTestSetup.ADMIN_PASSWORD);
        assertThat(admin.get("/api/users").status()).isEqualTo(401);
    }

    @Test
    void adds_a_member_of_accounts_with_a_password_given_or_generated_once() {
        HttpResponse<String> given = call(
                "POST",
                "/api/users",
                TOKEN,
                "{\"email\":\" Lea@Example.com\",\"role\":\"member\",\"accounts\":{\"default\":\"admin\"},"
                        + "\"password\":\"lea-password-from-stdin\"}");
        assertThat(given.statusCode()).isEqualTo(201);
        assertThat(given.body())
                .contains("\"email\":\"lea@example.com\"")
                .contains("\"accounts\":{\"default\":\"admin\"}")
                .doesNotContain("lea-password-from-stdin")
                .doesNotContain("generatedPassword");
        assertThat(new WebSession(port)
                        .signIn("lea@example.com", "lea-password-from-stdin")
                        .location())
                .endsWith("/calendar");

        HttpResponse<String> generated =
                call("POST", "/api/users", TOKEN, "{\"email\":\"gen-api@example.com\",\"role\":\"admin\"}");
        assertThat(generated.statusCode()).isEqualTo(201);
        String password = generated.body().replaceAll(".*\"generatedPassword\":\"([^\"]+)\".*", "$1");
        assertThat(password).hasSize(20);
        assertThat(new WebSession(port).signIn("gen-api@example.com", password).location())
                .endsWith("/calendar");

        HttpResponse<String> taken =
                call("POST", "/api/users", TOKEN, "{\"email\":\"LEA@example.com\",\"role\":\"member\"}");
        assertThat(taken.statusCode()).isEqualTo(409);
        assertThat(taken.body()).contains("email: There is a user with this email already.");
    }

    @Test
    void refuses_bad_fields_by_name_and_a_body_that_is_not_json() {
        HttpResponse<String> refused = call(
                "POST",
                "/api/users",
                TOKEN,
                "{\"email\":\"nope\",\"role\":\"root\",\"accounts\":{\"Brand A\":\"member\",\"default\":\"owner\"},"
                        + "\"password\":\"short\"}");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body())
                .contains("\"email\":\"Enter an email address like ann@example.com")
                .contains("\"role\":\"Choose admin")
                .contains("\"account.Brand A\":\"Not an account id")
                .contains("\"account.default\":\"Choose none, member or admin for default.\"")
                .contains("\"password\":\"Too short: at least 12 characters.\"");
        HttpResponse<String> notJson = call("POST", "/api/users", TOKEN, "email=a@b.c");
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(notJson.body())
                .contains("Send JSON")
                .doesNotContain("Exception")
                .doesNotContain("jackson");
    }
}
