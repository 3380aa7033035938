package dev.storyline.testkit;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** Just enough of RabbitMQ's management HTTP API to give each test class its own vhost. */
public final class RabbitManagement {

    private final URI base;
    private final String user;
    private final String authorization;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    public RabbitManagement(URI base, String user, String password) {
        this.base = base;
        this.user = user;
        this.authorization =
                "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    void createVhost(String vhost) {
        send("PUT", "/api/vhosts/" + encode(vhost), "{}");
        send(
                "PUT",
                "/api/permissions/" + encode(vhost) + "/" + encode(user),
                "{\"configure\":\".*\",\"write\":\".*\",\"read\":\".*\"}");
    }

    java.util.List<String> vhostNames() {
        String json = send("GET", "/api/vhosts?columns=name", null);
        java.util.List<String> names = new java.util.ArrayList<>();
        java.util.regex.Matcher m =
                java.util.regex.Pattern.compile("\"name\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    void deleteVhost(String vhost) {
        send("DELETE", "/api/vhosts/" + encode(vhost), null);
    }

    public String get(String path) {
        return send("GET", path, null);
    }

    private String send(String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", authorization)
                .header("Content-Type", "application/json")
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300 && !(method.equals("DELETE") && response.statusCode() == 404)) {
                throw new IllegalStateException("RabbitMQ management " + method + " " + path + " answered "
                        + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException(
                    "RabbitMQ management API not reachable at " + base
                            + " (enable the rabbitmq_management plugin, or set " + TestInfrastructure.MANAGEMENT_URL_ENV
                            + ")",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
