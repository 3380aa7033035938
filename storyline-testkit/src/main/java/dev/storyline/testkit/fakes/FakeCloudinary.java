package dev.storyline.testkit.fakes;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Cloudinary upload API at the wire, as cloudinary-http5 reaches it through {@code upload_prefix}:
 * {@code POST /v1_1/<cloud>/<resource>/upload} (multipart, signed) answers like Cloudinary with
 * {@code public_id} and {@code secure_url}; {@code POST /v1_1/<cloud>/<resource>/destroy} answers
 * {@code {"result":"ok"}}. Failures can be queued for the next uploads; a delay makes uploads slow.
 * Chunked uploads (Content-Range) are counted in bytes without keeping the chunks.
 */
public final class FakeCloudinary implements AutoCloseable {

    /** One upload request as received; {@code file} is kept only for small single-part uploads. */
    public record UploadCall(
            String resourceType,
            String publicId,
            boolean signed,
            long bytes,
            byte[] file,
            String contentRange,
            int status) {}

    public record DestroyCall(String resourceType, String publicId) {}

    private record Failure(int status, String body) {}

    private static final Pattern PATH = Pattern.compile("^/v1_1/([^/]+)/(image|video|raw|auto)/(upload|destroy)$");
    private static final int KEEP_FILES_UP_TO = 20 * 1024 * 1024;

    private final HttpServer server;
    private final String cloud;
    private final List<UploadCall> uploads = new CopyOnWriteArrayList<>();
    private final List<DestroyCall> destroys = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Failure> failures = new ConcurrentLinkedQueue<>();
    private final AtomicLong bytesReceived = new AtomicLong();
    private volatile Duration uploadDelay = Duration.ZERO;

    public FakeCloudinary(String cloud) throws IOException {
        this.cloud = cloud;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/", this::handle);
        server.start();
    }

    public String uploadPrefix() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public void failNextUploads(int count, int status, String body) {
        for (int i = 0; i < count; i++) {
            failures.add(new Failure(status, body));
        }
    }

    public void slowUploads(Duration delay) {
        uploadDelay = delay;
    }

    public List<UploadCall> uploads() {
        return List.copyOf(uploads);
    }

    /** Upload requests whose public id names the post (successful or not). */
    public List<UploadCall> uploadsFor(Object postId) {
        return uploads.stream()
                .filter(u -> u.publicId() != null && u.publicId().contains(postId.toString()))
                .toList();
    }

    public List<DestroyCall> destroys() {
        return List.copyOf(destroys);
    }

    public long bytesReceived() {
        return bytesReceived.get();
    }

    public void reset() {
        uploads.clear();
        destroys.clear();
        failures.clear();
        uploadDelay = Duration.ZERO;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Matcher path = PATH.matcher(exchange.getRequestURI().getPath());
            if (!"POST".equals(exchange.getRequestMethod()) || !path.matches() || !cloud.equals(path.group(1))) {
                respond(exchange, 404, "{\"error\":{\"message\":\"Resource not found\"}}");
                return;
            }
            String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
            String contentRange = exchange.getRequestHeaders().getFirst("Content-Range");
            Multipart form = Multipart.read(exchange.getRequestBody(), contentType, KEEP_FILES_UP_TO);
            bytesReceived.addAndGet(form.fileBytes());
            String resourceType = path.group(2);
            boolean signed = form.fields().containsKey("signature")
                    && form.fields().containsKey("api_key")
                    && form.fields().containsKey("timestamp");
            if ("destroy".equals(path.group(3))) {
                destroys.add(new DestroyCall(resourceType, form.fields().get("public_id")));
                respond(exchange, 200, "{\"result\":\"ok\"}");
                return;
            }
            sleep(uploadDelay);
            Failure failure = failures.poll();
            String publicId = form.fields().get("public_id");
            uploads.add(new UploadCall(
                    resourceType,
                    publicId,
                    signed,
                    form.fileBytes(),
                    form.file(),
                    contentRange,
                    failure == null ? 200 : failure.status()));
            if (failure != null) {
                respond(exchange, failure.status(), failure.body());
                return;
            }
            if (!signed) {
                respond(exchange, 401, "{\"error\":{\"message\":\"Must supply api_key\"}}");
                return;
            }
            String format = "video".equals(resourceType) ? "mp4" : "jpg";
            String url = "https://res.cloudinary.test/" + cloud + "/" + resourceType + "/upload/v1/" + publicId + "."
                    + format;
            respond(
                    exchange,
                    200,
                    "{\"public_id\":\"" + publicId + "\",\"version\":1,\"resource_type\":\""
                            + resourceType + "\",\"type\":\"upload\",\"format\":\"" + format + "\",\"bytes\":"
                            + form.fileBytes()
                            + ",\"url\":\"" + url.replace("https:", "http:") + "\",\"secure_url\":\"" + url + "\"}");
        }
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static void sleep(Duration delay) {
        if (!delay.isZero()) {
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** A streaming multipart/form-data reader: text fields in memory, the file part only counted (and kept if small). */
    record Multipart(Map<String, String> fields, long fileBytes, byte[] file) {

        static Multipart read(InputStream body, String contentType, int keepUpTo) throws IOException {
            String boundary = contentType.replaceAll("(?s).*boundary=\"?([^\";]+)\"?.*", "$1");
            byte[] delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
            Map<String, String> fields = new LinkedHashMap<>();
            ScanningReader in = new ScanningReader(body, delimiter);
            in.skipPreamble(("--" + boundary).getBytes(StandardCharsets.ISO_8859_1));
            long fileBytes = 0;
            byte[] file = null;
            while (true) {
                String headers = in.readHeaders();
                if (headers == null) {
                    break;
                }
                Matcher name = Pattern.compile("name=\"([^\"]*)\"").matcher(headers);
                String field = name.find() ? name.group(1) : "";
                boolean isFile = headers.contains("filename=") || "file".equals(field);
                ByteArrayOutputStream kept = new ByteArrayOutputStream();
                long size = in.readPart(isFile ? kept : kept, isFile ? keepUpTo : 1 << 20);
                if (isFile) {
                    fileBytes += size;
                    file = size <= keepUpTo ? kept.toByteArray() : null;
                } else {
                    fields.put(field, kept.toString(StandardCharsets.UTF_8));
                }
                if (in.atEnd()) {
                    break;
                }
            }
            return new Multipart(fields, fileBytes, file);
        }
    }

    /** Reads parts separated by a delimiter without holding more than a small buffer. */
    static final class ScanningReader {
        private final InputStream in;
        private final byte[] delimiter;
        private final byte[] window;
        private int filled;
        private boolean end;

        ScanningReader(InputStream in, byte[] delimiter) {
            this.in = new java.io.BufferedInputStream(in, 64 * 1024);
            this.delimiter = delimiter;
            this.window = new byte[delimiter.length];
        }

        void skipPreamble(byte[] first) throws IOException {
            byte[] start = in.readNBytes(first.length);
            if (!java.util.Arrays.equals(start, first)) {
                throw new IOException("body does not start with the boundary");
            }
            afterDelimiter();
        }

        private void afterDelimiter() throws IOException {
            int a = in.read();
            int b = in.read();
            if (a == '-' && b == '-') {
                end = true;
            }
        }

        boolean atEnd() {
            return end;
        }

        String readHeaders() throws IOException {
            if (end) {
                return null;
            }
            ByteArrayOutputStream headers = new ByteArrayOutputStream();
            int matched = 0;
            byte[] blank = {'\r', '\n', '\r', '\n'};
            int c;
            while ((c = in.read()) != -1) {
                headers.write(c);
                matched = c == blank[matched] ? matched + 1 : (c == '\r' ? 1 : 0);
                if (matched == 4) {
                    return headers.toString(StandardCharsets.UTF_8);
                }
            }
            end = true;
            return null;
        }

        /** Copies the part's content (up to {@code keep} bytes) to {@code out}; returns its full length. */
        long readPart(OutputStream out, int keep) throws IOException {
            long size = 0;
            filled = 0;
            int c;
            while ((c = in.read()) != -1) {
                if (filled == window.length) {
                    // the oldest byte cannot start the delimiter any more: it is content
                    if (size < keep) {
                        out.write(window[0]);
                    }
                    size++;
                    System.arraycopy(window, 1, window, 0, window.length - 1);
                    filled--;
                }
                window[filled++] = (byte) c;
                if (filled == window.length && java.util.Arrays.equals(window, delimiter)) {
                    afterDelimiter();
                    return size;
                }
            }
            end = true;
            return size;
        }
    }

    public static List<String> names(List<UploadCall> calls) {
        List<String> names = new ArrayList<>();
        calls.forEach(c -> names.add(c.publicId()));
        return names;
    }
}
