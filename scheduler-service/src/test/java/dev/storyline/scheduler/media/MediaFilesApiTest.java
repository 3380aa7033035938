package dev.storyline.scheduler.media;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.storyline.scheduler.AdminApi;
import dev.storyline.scheduler.MediaFiles;
import dev.storyline.scheduler.SchedulerTest;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Thumbnails and uploads through the real admin API, with the media folder on disk and real PostgreSQL. */
@SchedulerTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "storyline.admin.token=test-admin-token")
class MediaFilesApiTest {

    // the scheduler tests' media folder helper, not this package's MediaLibrary
    private static final Path MEDIA_ROOT = dev.storyline.scheduler.MediaLibrary.newRoot();

    @DynamicPropertySource
    static void mediaRoot(DynamicPropertyRegistry registry) {
        registry.add("storyline.scheduler.media-root", MEDIA_ROOT::toString);
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    record Answer(int status, String contentType, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        JsonNode json() {
            return AdminApi.parse(body);
        }

        Answer isProblem(int expected, String field) {
            assertThat(status).as(text()).isEqualTo(expected);
            assertThat(contentType).startsWith("application/problem+json");
            assertThat(text()).doesNotContain("Exception").doesNotContain("\tat ");
            if (field != null) {
                assertThat(json().path("errors"))
                        .anySatisfy(e -> assertThat(e.path("field").asText()).isEqualTo(field));
            }
            return this;
        }
    }

    @BeforeEach
    void emptyLibrary() throws IOException {
        jdbc.sql("delete from media_items").update();
        try (Stream<Path> files = Files.walk(MEDIA_ROOT)) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .filter(p -> !p.equals(MEDIA_ROOT))
                    .forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void a_valid_jpeg_is_stored_in_its_category_and_indexed_at_once() throws IOException {
        Answer answer = upload("memes", "cat.jpg", jpeg(540, 960, Color.RED));

        assertThat(answer.status()).as(answer.text()).isEqualTo(201);
        assertThat(answer.json().path("path").asText()).isEqualTo("memes/cat.jpg");
        assertThat(answer.json().path("valid").asBoolean()).isTrue();
        assertThat(answer.json().path("timesPosted").asInt()).isZero();
        assertThat(MEDIA_ROOT.resolve("memes/cat.jpg")).exists();
        assertThat(jdbc.sql("select path from media_items where valid and active")
                        .query(String.class)
                        .list())
                .containsExactly("memes/cat.jpg");
        assertThat(call("GET", "/api/accounts/default/media?category=memes&neverPosted=true", null)
                        .json()
                        .path(0)
                        .path("path")
                        .asText())
                .isEqualTo("memes/cat.jpg");
    }

    @Test
    void a_truncated_jpeg_is_refused_with_its_reason_and_not_left_in_the_folder() throws IOException {
        byte[] whole = jpeg(540, 960, Color.BLUE);
        Answer answer = upload("memes", "cut.jpg", Arrays.copyOf(whole, whole.length / 2));

        answer.isProblem(422, "file");
        assertThat(answer.json().path("detail").asText())
                .contains("cut.jpg is refused")
                .contains("truncated");
        assertThat(filesUnder("memes")).isEmpty();
        assertThat(jdbc.sql("select count(*) from media_items")
                        .query(Integer.class)
                        .single())
                .isZero();
    }

    @Test
    void a_name_with_a_dot_dot_segment_or_a_folder_is_refused_naming_the_field() throws IOException {
        byte[] image = jpeg(540, 960, Color.GREEN);
        upload("memes", "..", image).isProblem(400, "filename");
        upload("memes", "../escape.jpg", image).isProblem(400, "filename");
        upload("memes", "sub/dir.jpg", image).isProblem(400, "filename");
        upload("memes", "back\\slash.jpg", image).isProblem(400, "filename");
        upload("memes", "x".repeat(252) + ".jpg", image).isProblem(400, "filename");
        upload("..", "ok.jpg", image).isProblem(400, "category");
        upload("a/b", "ok.jpg", image).isProblem(400, "category");

        assertThat(MEDIA_ROOT.getParent().resolve("escape.jpg")).doesNotExist();
        assertThat(jdbc.sql("select count(*) from media_items")
                        .query(Integer.class)
                        .single())
                .isZero();
        assertThat(upload("memes", "wow...final..v2 ☕.jpg", image).status()).isEqualTo(201);
    }

    @Test
    void an_existing_name_is_never_overwritten_and_the_same_content_twice_is_a_conflict() throws IOException {
        byte[] first = jpeg(540, 960, Color.RED);
        upload("memes", "cat.jpg", first);
        Answer second = upload("memes", "cat.jpg", jpeg(540, 960, Color.ORANGE));

        assertThat(second.status()).as(second.text()).isEqualTo(201);
        assertThat(second.json().path("path").asText()).isEqualTo("memes/cat (2).jpg");
        assertThat(Files.readAllBytes(MEDIA_ROOT.resolve("memes/cat.jpg"))).isEqualTo(first);
        upload("memes", "again.jpg", first).isProblem(409, null);
        assertThat(filesUnder("memes")).containsExactlyInAnyOrder("cat.jpg", "cat (2).jpg");
    }

    @Test
    void a_file_over_the_story_limit_is_refused_and_nothing_stays_on_disk() throws IOException {
        long tooBig = MediaUploads.MAX_BYTES + 1;
        Answer answer = send(
                "POST",
                "/api/accounts/default/media?category=big&filename=huge.mp4",
                HttpRequest.BodyPublishers.ofInputStream(() -> new ZeroStream(tooBig)));

        answer.isProblem(400, "file");
        assertThat(answer.json().path("detail").asText()).contains("100000000 bytes");
        assertThat(filesUnder("big")).isEmpty();
    }

    @Test
    void a_hundred_small_files_in_a_row_are_all_indexed() throws IOException {
        for (int i = 0; i < 100; i++) {
            Answer answer = upload("bulk", "f" + i + ".jpg", jpeg(360, 640, new Color(i, 255 - i, (i * 7) % 256)));
            assertThat(answer.status()).as(answer.text()).isEqualTo(201);
        }
        assertThat(jdbc.sql("select count(*) from media_items where valid and category = 'bulk'")
                        .query(Integer.class)
                        .single())
                .isEqualTo(100);
        assertThat(filesUnder("bulk")).hasSize(100);
    }

    @Test
    void a_multipart_upload_is_stored_like_a_raw_one_and_both_are_in_the_openapi_description() throws IOException {
        String boundary = "----storyline-test";
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"dog.jpg\"\r\n"
                        + "Content-Type: image/jpeg\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.writeBytes(jpeg(540, 960, Color.CYAN));
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        AdminApi admin = new AdminApi(port);
        HttpResponse<String> answer = admin.send(
                admin.request("/api/accounts/default/media?category=pets")
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())),
                HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
        assertThat(AdminApi.parse(answer.body()).path("path").asText()).isEqualTo("pets/dog.jpg");
        assertThat(call("GET", "/v3/api-docs", null).text())
                .contains("/api/accounts/{account}/media/{media}/thumbnail")
                .contains("Upload one file into a category");
    }

    @Test
    void the_categories_are_those_with_an_active_item_in_order() {
        for (String[] item : new String[][] {
            {"quotes/a.jpg", "quotes"},
            {"memes/a.jpg", "memes"},
            {"memes/b.jpg", "memes"},
            {"events/a.jpg", "events"},
            {"archive/a.jpg", "archive"},
            {"zoo/a.jpg", "zoo"}
        }) {
            UUID id = insertItem(item[0], "image/jpeg");
            jdbc.sql("update media_items set category = :c, active = :active where id = :id")
                    .param("c", item[1])
                    .param("active", !item[1].equals("archive"))
                    .param("id", id)
                    .update();
        }

        Answer answer = call("GET", "/api/accounts/default/categories", null);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(new String(answer.body(), StandardCharsets.UTF_8))
                .isEqualTo("[\"events\",\"memes\",\"quotes\",\"zoo\"]");
    }

    @Test
    void a_thumbnail_of_an_image_is_a_small_jpeg() throws IOException {
        UUID id = UUID.fromString(
                upload("memes", "big.png", png(1080, 1920)).json().path("id").asText());

        Answer answer = call("GET", "/api/accounts/default/media/" + id + "/thumbnail", null);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.contentType()).isEqualTo("image/jpeg");
        BufferedImage thumb = ImageIO.read(new ByteArrayInputStream(answer.body()));
        assertThat(Math.max(thumb.getWidth(), thumb.getHeight())).isEqualTo(320);
        assertThat(thumb.getWidth()).isEqualTo(180);
    }

    @Test
    void a_video_gets_a_placeholder_thumbnail() throws IOException {
        Files.createDirectories(MEDIA_ROOT.resolve("clips"));
        Files.write(MEDIA_ROOT.resolve("clips/a.mp4"), new byte[] {0, 0, 0, 1});
        UUID id = insertItem("clips/a.mp4", "video/mp4");

        Answer answer = call("GET", "/api/accounts/default/media/" + id + "/thumbnail", null);

        assertThat(answer.status()).isEqualTo(200);
        BufferedImage thumb = ImageIO.read(new ByteArrayInputStream(answer.body()));
        assertThat(thumb.getHeight()).isEqualTo(320);
    }

    @Test
    void an_unknown_item_has_no_thumbnail() {
        call("GET", "/api/accounts/default/media/" + UUID.randomUUID() + "/thumbnail", null)
                .isProblem(404, null);
    }

    @Test
    void a_symbolic_link_out_of_the_media_folder_gets_no_thumbnail() throws IOException {
        Path outside = MediaFiles.storyJpeg(Files.createTempDirectory("outside").resolve("secret.jpg"), Color.RED);
        Files.createDirectories(MEDIA_ROOT.resolve("memes"));
        Files.createSymbolicLink(MEDIA_ROOT.resolve("memes/escape.jpg"), outside);
        UUID linked = insertItem("memes/escape.jpg", "image/jpeg");
        UUID dotted = insertItem("memes/../../etc/passwd.jpg", "image/jpeg");

        Answer answer = call("GET", "/api/accounts/default/media/" + linked + "/thumbnail", null)
                .isProblem(404, null);
        assertThat(answer.json().path("detail").asText()).contains("outside the media folder");
        call("GET", "/api/accounts/default/media/" + dotted + "/thumbnail", null)
                .isProblem(404, null);
    }

    private UUID insertItem(String path, String mime) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        insert into media_items (id, account_id, path, category, sha256, mime_type, size_bytes, valid)
                        values (:id, 'default', :path, 'memes', :sha, :mime, 4, true)
                        """)
                .param("id", id)
                .param("path", path)
                .param(
                        "sha",
                        "%064x"
                                .formatted(new java.math.BigInteger(
                                        1, id.toString().getBytes()))
                                .substring(0, 64))
                .param("mime", mime)
                .update();
        return id;
    }

    private List<String> filesUnder(String category) throws IOException {
        Path folder = MEDIA_ROOT.resolve(category);
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).toList();
        }
    }

    private Answer upload(String category, String name, byte[] content) {
        return send(
                "POST",
                "/api/accounts/default/media?category=" + URLEncoder.encode(category, StandardCharsets.UTF_8)
                        + "&filename=" + URLEncoder.encode(name, StandardCharsets.UTF_8),
                HttpRequest.BodyPublishers.ofByteArray(content));
    }

    private Answer call(String method, String path, String body) {
        return send(
                method,
                path,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    }

    private Answer send(String method, String path, HttpRequest.BodyPublisher body) {
        AdminApi admin = new AdminApi(port);
        HttpResponse<byte[]> response = admin.send(
                admin.request(path)
                        .header("Content-Type", "application/octet-stream")
                        .method(method, body),
                HttpResponse.BodyHandlers.ofByteArray());
        return new Answer(
                response.statusCode(),
                response.headers().firstValue("Content-Type").orElse(""),
                response.body());
    }

    static byte[] jpeg(int width, int height, Color color) throws IOException {
        Path file = MediaFiles.image(Files.createTempDirectory("img").resolve("x.jpg"), width, height, "jpg", color);
        return Files.readAllBytes(file);
    }

    static byte[] png(int width, int height) throws IOException {
        Path file = MediaFiles.image(
                Files.createTempDirectory("img").resolve("x.png"), width, height, "png", Color.MAGENTA);
        return Files.readAllBytes(file);
    }

    /** {@code size} zero bytes without holding them. */
    private static final class ZeroStream extends InputStream {
        private long left;

        ZeroStream(long size) {
            this.left = size;
        }

        @Override
        public int read() {
            return left-- > 0 ? 0 : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (left <= 0) {
                return -1;
            }
            int n = (int) Math.min(len, left);
            Arrays.fill(b, off, off + n, (byte) 0);
            left -= n;
            return n;
        }
    }
}
