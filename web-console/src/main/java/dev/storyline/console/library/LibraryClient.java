package dev.storyline.console.library;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.storyline.console.scheduler.SchedulerApiProperties;
import dev.storyline.console.scheduler.SchedulerProblems;
import dev.storyline.console.scheduler.SchedulerRefusedException;
import dev.storyline.console.scheduler.SchedulerUnreachableException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The admin API calls of the Library page. Apart from SchedulerClient because two of them move bytes, not
 * JSON: a thumbnail (small, read whole) and an upload, streamed from the uploaded part to the scheduler
 * without ever holding the file. The same rules: bearer token from STORYLINE_ADMIN_TOKEN, bounded waits,
 * refusals in plain words.
 */
@Component
class LibraryClient {

    private static final Logger log = LoggerFactory.getLogger(LibraryClient.class);
    /** A 100 MB video over a slow link takes a while; a page call does not. */
    private static final Duration UPLOAD_TIMEOUT = Duration.ofMinutes(10);

    private static final int MAX_THUMBNAIL = 2 * 1024 * 1024;

    private final HttpClient http;
    private final String base;
    private final String authorization;
    private final Duration timeout;
    private final ObjectMapper json;
    private final SchedulerProblems problems;

    LibraryClient(SchedulerApiProperties properties, ObjectMapper json) {
        this.http = HttpClient.newBuilder()
                .connectTimeout(properties.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.base = properties.url().replaceAll("/+$", "");
        this.authorization = "Bearer " + properties.adminToken().strip();
        this.timeout = properties.requestTimeout();
        this.json = json;
        this.problems = new SchedulerProblems(json);
    }

    List<LibraryApi.MediaItem> media(String account, LibraryApi.Filter filter, int limit, int offset) {
        // files gone from disk keep their history but have nothing to show
        List<String> query = new ArrayList<>(List.of("active=true", "limit=" + limit, "offset=" + offset));
        if (filter.category() != null) {
            query.add("category=" + encode(filter.category()));
        }
        if (filter.valid() != null) {
            query.add("valid=" + filter.valid());
        }
        if (filter.locked() != null) {
            query.add("locked=" + filter.locked());
        }
        if (filter.rejected() != null) {
            query.add("rejected=" + filter.rejected());
        }
        if (filter.neverPosted() != null) {
            query.add("neverPosted=" + filter.neverPosted());
        }
        byte[] body = send(request(account, "/media?" + String.join("&", query)).GET(), timeout);
        return read(body, new TypeReference<>() {});
    }

    List<String> categories(String account) {
        return read(send(request(account, "/categories").GET(), timeout), new TypeReference<>() {});
    }

    void edit(String account, UUID media, LibraryApi.Edit edit) {
        byte[] body;
        try {
            body = json.writeValueAsBytes(edit);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        send(
                request(account, "/media/" + media)
                        .header("Content-Type", "application/json")
                        .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(body)),
                timeout);
    }

    LibraryApi.MediaItem item(String account, UUID media) {
        return read(send(request(account, "/media/" + media).GET(), timeout), new TypeReference<>() {});
    }

    /** Rejects the item for good; {@code reason} may be null. Repeating it changes nothing. */
    LibraryApi.LockChange reject(String account, UUID media, String by, String reason) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("by", by);
        if (reason != null) {
            body.put("reason", reason);
        }
        return read(post(account, "/media/" + media + "/reject", body), new TypeReference<>() {});
    }

    /** Lifts every lock of the item so it may be picked again. Repeating it changes nothing. */
    LibraryApi.LockChange unlock(String account, UUID media, String by) {
        return read(post(account, "/media/" + media + "/unlock", Map.of("by", by)), new TypeReference<>() {});
    }

    private byte[] post(String account, String path, Object body) {
        byte[] bytes;
        try {
            bytes = json.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return send(
                request(account, path)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)),
                timeout);
    }

    byte[] thumbnail(String account, UUID media) {
        byte[] jpeg = send(
                request(account, "/media/" + media + "/thumbnail")
                        .header("Accept", "image/jpeg, application/problem+json")
                        .GET(),
                timeout);
        if (jpeg.length > MAX_THUMBNAIL) {
            throw new SchedulerUnreachableException("The scheduler sent a thumbnail too large to show.");
        }
        return jpeg;
    }

    /** Streams {@code size} bytes from {@code content} into the category; answers the indexed item. */
    LibraryApi.MediaItem upload(String account, String category, String fileName, InputStream content, long size) {
        HttpRequest.BodyPublisher body =
                HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> content), size);
        byte[] answer = send(
                request(account, "/media?category=" + encode(category) + "&filename=" + encode(fileName))
                        .header("Content-Type", "application/octet-stream")
                        .POST(body),
                UPLOAD_TIMEOUT);
        return read(answer, new TypeReference<>() {});
    }

    private HttpRequest.Builder request(String account, String path) {
        return HttpRequest.newBuilder(URI.create(base + "/api/accounts/" + encode(account) + path))
                .header("Authorization", authorization)
                .header("Accept", "application/json, application/problem+json");
    }

    private byte[] send(HttpRequest.Builder request, Duration wait) {
        HttpResponse<byte[]> response;
        try {
            response = http.send(request.timeout(wait).build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            log.warn("scheduler not reachable: {}", e.toString());
            throw new SchedulerUnreachableException("The scheduler is not reachable right now. Try again in a moment.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchedulerUnreachableException("The console was stopped while waiting for the scheduler.");
        }
        int status = response.statusCode();
        if (status == 401 || status == 403) {
            log.warn("the scheduler refused the console's token ({}): check STORYLINE_ADMIN_TOKEN", status);
            throw new SchedulerUnreachableException(
                    "The scheduler refused the console's credentials; an admin must check STORYLINE_ADMIN_TOKEN.");
        }
        if (status >= 500) {
            log.warn("the scheduler answered {} to {}", status, response.uri().getPath());
            throw new SchedulerUnreachableException("The scheduler had a problem answering. Try again in a moment.");
        }
        if (status >= 400) {
            throw new SchedulerRefusedException(
                    status, problems.sentence(status, new String(response.body(), StandardCharsets.UTF_8)));
        }
        return response.body();
    }

    private <T> T read(byte[] body, TypeReference<T> type) {
        try {
            T value = json.readValue(body, type);
            if (value == null) {
                throw new SchedulerUnreachableException("The scheduler sent an empty answer. Try again in a moment.");
            }
            return value;
        } catch (IOException e) {
            log.warn("unreadable answer from the scheduler: {}", e.getMessage());
            throw new SchedulerUnreachableException("The scheduler sent an answer the console cannot read.");
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
