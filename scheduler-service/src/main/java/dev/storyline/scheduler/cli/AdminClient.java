package dev.storyline.scheduler.cli;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The CLI's view of the admin API: a request, the parsed answer, and an error an operator can act on,
 * whether the scheduler refused the request (its problem details), something else answered (an HTML
 * page from a proxy or another service), or nothing answered at all.
 */
final class AdminClient {

    /** Which service a client talks to, as its messages name it. */
    record Target(String name, String variable, int port) {
        static final Target SCHEDULER = new Target("the scheduler", "STORYLINE_URL", 8080);
        static final Target CONSOLE = new Target("the web console", "CONSOLE_URL", 8085);
    }

    private final URI base;
    private final String token;
    private final Target target;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    AdminClient(URI base, String token) {
        this(base, token, Target.SCHEDULER);
    }

    AdminClient(URI base, String token, Target target) {
        this.base = base;
        this.token = token;
        this.target = target;
    }

    Object call(String method, String path, Object body) {
        URI uri = base.resolve(path);
        HttpResponse<String> response;
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                    .timeout(Duration.ofSeconds(120))
                    .header("Authorization", "Bearer " + (token == null ? "" : token))
                    .header("Accept", "application/json, application/problem+json")
                    .header("Content-Type", "application/json")
                    .method(
                            method,
                            body == null
                                    ? HttpRequest.BodyPublishers.noBody()
                                    : HttpRequest.BodyPublishers.ofString(Json.write(body)));
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException | HttpConnectTimeoutException e) {
            throw new CliException("cannot reach " + target.name() + " at " + base
                    + " (nothing answers there; start it, or set " + target.variable() + ")");
        } catch (HttpTimeoutException e) {
            throw new CliException(
                    target.name() + " at " + base + " did not answer " + method + " " + path + " in time");
        } catch (IOException e) {
            throw new CliException("cannot reach " + target.name() + " at " + base + " (set " + target.variable()
                    + "): " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted");
        }
        String contentType = response.headers().firstValue("Content-Type").orElse("");
        String text = response.body() == null ? "" : response.body();
        if (contentType.contains("html") || text.stripLeading().startsWith("<")) {
            throw new CliException(
                    uri + " answered " + response.statusCode() + " with an HTML page, not " + target.name()
                            + "'s JSON API: " + target.variable() + " (" + base
                            + ") points at something else, e.g. a proxy or another service's port "
                            + "(" + target.name() + " listens on " + target.port() + " by default)");
        }
        Object parsed;
        try {
            parsed = text.isBlank() ? null : Json.parse(text);
        } catch (RuntimeException e) {
            throw new CliException(uri + " answered " + response.statusCode() + " with something that is not JSON: "
                    + abbreviate(text) + " (is " + target.variable() + " " + target.name() + "?)");
        }
        if (response.statusCode() >= 300) {
            if (!(parsed instanceof Map<?, ?> problem
                    && (problem.containsKey("detail") || problem.containsKey("error")))) {
                throw new CliException(
                        uri + " answered " + response.statusCode() + " without " + target.name() + "'s error details: "
                                + "is " + target.variable() + " (" + base + ") " + target.name() + " (port "
                                + target.port() + " by default)?");
            }
            throw new CliException(explain(method, path, response.statusCode(), parsed));
        }
        return parsed;
    }

    /** Problem details (RFC 9457) as lines an operator reads: what is wrong, and per field what is allowed. */
    static String explain(String method, String path, int status, Object body) {
        StringBuilder out = new StringBuilder();
        if (body instanceof Map<?, ?> problem) {
            Object detail = problem.get("detail") != null ? problem.get("detail") : problem.get("error");
            out.append(detail != null ? detail : problem.get("title"))
                    .append(" (")
                    .append(status)
                    .append(')');
            if (problem.get("errors") instanceof List<?> errors && errors.size() > 1) {
                for (Object e : errors) {
                    if (e instanceof Map<?, ?> field) {
                        out.append("\n  ")
                                .append(field.get("field"))
                                .append(": given ")
                                .append(field.get("given") == null ? "nothing" : "'" + field.get("given") + "'")
                                .append("; allowed: ")
                                .append(field.get("allowed"));
                    }
                }
            }
        } else {
            out.append(method).append(' ').append(path).append(" failed with ").append(status);
        }
        if (status == 401) {
            out.append(" (set STORYLINE_ADMIN_TOKEN to the scheduler's admin token)");
        }
        return out.toString();
    }

    private static String abbreviate(String s) {
        String line = s.strip().replaceAll("\\s+", " ");
        return line.length() > 120 ? line.substring(0, 117) + "..." : line;
    }

    static final class CliException extends RuntimeException {
        CliException(String message) {
            super(message);
        }
    }
}
