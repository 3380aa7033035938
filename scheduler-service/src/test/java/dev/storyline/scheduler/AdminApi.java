package dev.storyline.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * Calls to a running scheduler's admin API with the token the API tests start it with
 * ({@code storyline.admin.token=test-admin-token}): the one way those tests reach it.
 */
public record AdminApi(int port) {

    public static final String TOKEN = "test-admin-token";

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A request to the path with the admin token, for a test that sets its own method, headers and body. */
    public HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + TOKEN);
    }

    /** The answer, whatever its status. */
    public <T> HttpResponse<T> send(HttpRequest.Builder request, HttpResponse.BodyHandler<T> answer) {
        HttpRequest built = request.build();
        try {
            return HTTP.send(built, answer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted asking " + built.uri(), e);
        }
    }

    /** A GET's answer, whatever its status. */
    public HttpResponse<String> send(String path) {
        return send(request(path).GET(), HttpResponse.BodyHandlers.ofString());
    }

    /** The answer to a JSON body ({@code null}: none), whatever its status. */
    public HttpResponse<String> send(String method, String path, String json) {
        return send(
                request(path)
                        .header("Content-Type", "application/json")
                        .method(
                                method,
                                json == null
                                        ? HttpRequest.BodyPublishers.noBody()
                                        : HttpRequest.BodyPublishers.ofString(json)),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The JSON of a GET's 200 answer; any other status fails the test, showing the body. */
    public JsonNode json(String path) {
        return ok(send(path));
    }

    /** The JSON of a 200 answer to a JSON body ({@code null}: none); any other status fails the test. */
    public JsonNode json(String method, String path, String json) {
        return ok(send(method, path, json));
    }

    /** The body as JSON, whatever the status. */
    public static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The body as JSON, whatever the status. */
    public static JsonNode parse(byte[] body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode ok(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return parse(response.body());
    }
}
