package dev.storyline.token;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The admin API as the web console's Connect Instagram uses it (its tests fake token-worker at the wire with
 * these shapes): the PUT body it sends for each login type, and the health fields it reads back for Reconnect.
 */
@TokenTest(properties = "storyline.admin.token=console-admin-token")
class ConsoleConnectContractTest {

    private static final GraphFake GRAPH = GraphFake.start();

    @DynamicPropertySource
    static void keysAndGraph(DynamicPropertyRegistry registry) {
        GRAPH.register(registry);
    }

    @AfterAll
    static void stopFake() {
        GRAPH.close();
    }

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    private HttpResponse<String> admin(String method, String path, String body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .method(
                                method,
                                body == null
                                        ? HttpRequest.BodyPublishers.noBody()
                                        : HttpRequest.BodyPublishers.ofString(body))
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer console-admin-token")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void stores_the_token_the_console_connects_with_its_login_type_user_id_and_expiry() throws Exception {
        HttpResponse<String> put = admin(
                "PUT",
                "/api/accounts/brand/token",
                "{\"accessToken\":\"IGAA-connected-token\",\"loginType\":\"instagram_login\","
                        + "\"instagramUserId\":\"17841400000000001\",\"expiresAt\":\"2030-01-31T10:00:00Z\","
                        + "\"scopes\":[\"instagram_business_basic\",\"instagram_business_content_publish\"]}");
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        assertThat(put.body()).doesNotContain("IGAA-connected-token");

        admin(
                "PUT",
                "/api/accounts/acme-tea/token",
                "{\"accessToken\":\"EAA-connected-token\",\"loginType\":\"facebook_login\","
                        + "\"instagramUserId\":\"17841400000000012\",\"expiresAt\":null,"
                        + "\"scopes\":[\"instagram_basic\",\"instagram_content_publish\"]}");

        JsonNode all = json.readTree(admin("GET", "/api/tokens", null).body());
        JsonNode brand = null;
        JsonNode tea = null;
        for (JsonNode t : all) {
            if (t.path("accountId").asText().equals("brand")) {
                brand = t;
            } else if (t.path("accountId").asText().equals("acme-tea")) {
                tea = t;
            }
        }
        assertThat(brand).isNotNull();
        assertThat(brand.path("valid").asBoolean()).isTrue();
        assertThat(brand.path("state").asText()).isNotBlank();
        assertThat(brand.path("loginType").asText()).isEqualTo("instagram_login");
        assertThat(brand.path("instagramUserId").asText()).isEqualTo("17841400000000001");
        assertThat(brand.path("expiresAt").asText()).isEqualTo("2030-01-31T10:00:00Z");
        assertThat(tea).isNotNull();
        assertThat(tea.path("loginType").asText()).isEqualTo("facebook_login");
        assertThat(tea.path("valid").asBoolean()).isTrue();
    }
}
