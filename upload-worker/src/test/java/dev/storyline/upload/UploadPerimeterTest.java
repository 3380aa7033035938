package dev.storyline.upload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storyline.testkit.perimeter.PerimeterBypassContract;
import dev.storyline.testkit.perimeter.RawHttp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** upload-worker against the shared bypass table; its signed media links are its only public path. */
@UploadTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "storyline.upload.storage-provider=local",
            "storyline.upload.local.public-base-url=http://127.0.0.1:1/",
            "storyline.upload.local.signing-key=upload-perimeter-test-signing-key-0123456789",
            PerimeterBypassContract.ADMIN_PROPERTY,
            PerimeterBypassContract.INTERNAL_PROPERTY
        })
class UploadPerimeterTest extends PerimeterBypassContract {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        try {
            String media =
                    Files.createTempDirectory("storyline-perimeter-media").toString();
            registry.add("storyline.upload.media-root", () -> media);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void a_media_link_reaches_its_own_signature_check_without_a_token_and_nothing_beside_it_does() {
        assertThat(RawHttp.send(port, "GET", "/media/some-id?expires=1&signature=forged", Map.of())
                        .status())
                .as("public, refused by the link's signature")
                .isEqualTo(403);
        assertThat(RawHttp.send(port, "HEAD", "/media/some-id", Map.of()).status())
                .isEqualTo(403);
        assertThat(RawHttp.send(port, "POST", "/media/some-id", Map.of()).status())
                .isEqualTo(401);
        assertThat(RawHttp.send(port, "GET", "/media/some-id/more", Map.of()).status())
                .isEqualTo(401);
        assertThat(RawHttp.send(port, "GET", "/media;x/some-id", Map.of()).status())
                .isEqualTo(400);
        assertThat(RawHttp.send(port, "GET", "/media/..%2fapi", Map.of()).status())
                .isEqualTo(400);
    }
}
