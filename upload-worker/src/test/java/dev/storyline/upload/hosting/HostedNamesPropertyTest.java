package dev.storyline.upload.hosting;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudinary.Cloudinary;
import dev.storyline.contracts.events.MediaPaths;
import dev.storyline.testkit.fakes.FakeGraphApi;
import dev.storyline.testkit.names.MediaFileNames;
import dev.storyline.upload.hosting.local.LocalStorageProperties;
import dev.storyline.upload.hosting.local.SignedLinks;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Whatever file name the events accept, each provider's name for the hosted copy is well formed and
 * the link Meta is given is one the Graph API fake accepts. The naming functions are tested directly
 * (no Spring, no upload), with names from the same generator as the scheduler's property test.
 */
class HostedNamesPropertyTest {

    private static final SignedLinks LINKS = new SignedLinks(new LocalStorageProperties(
            "https://media.example.com:8443/storyline",
            "property-test-signing-key-0123456789abcdef",
            Duration.ofHours(24),
            "/tmp/unused"));
    private static final S3Presigner PRESIGNER = S3Presigner.builder()
            .region(Region.US_EAST_1)
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIATEST", "secret")))
            .endpointOverride(URI.create("http://127.0.0.1:9000"))
            .serviceConfiguration(
                    S3Configuration.builder().pathStyleAccessEnabled(true).build())
            .build();
    private static final Cloudinary CLOUDINARY = new Cloudinary(Map.of("cloud_name", "demo", "secure", true));

    @Provide
    Arbitrary<String> postablePaths() {
        // half as generated (the refused ones are skipped below), half with what the rule refuses replaced
        return MediaFileNames.pathSegments()
                .map(segments -> String.join("/", segments))
                .flatMap(path -> net.jqwik.api.Arbitraries.of(path, withoutRefusedCharacters(path)));
    }

    @Property(tries = 300)
    void every_name_an_event_accepts_gets_a_well_formed_link_key_and_public_id(
            @ForAll("postablePaths") String mediaPath) {
        if (MediaPaths.problem(mediaPath).isPresent()) {
            return; // never reaches upload-worker: the indexer lists it as invalid
        }
        String extension = HostedNames.extensionOf(mediaPath);
        assertThat(extension).matches("(\\.[a-z0-9]{1,5})?");
        UUID postId = UUID.randomUUID();

        for (String localId : List.of(
                HostedNames.localPublicId(UUID.randomUUID(), extension),
                HostedNames.localPublicId(UUID.randomUUID(), ".jpg"))) {
            Instant expires = Instant.now().plusSeconds(3600);
            String url = LINKS.url(localId, expires);
            assertThat(FakeGraphApi.acceptsMediaUrl(url)).as(url).isTrue();
            URI uri = URI.create(url);
            assertThat(uri.getPath()).isEqualTo("/storyline/media/" + localId);
            Map<String, String> query = query(uri);
            assertThat(LINKS.verifies(localId, Long.parseLong(query.get("expires")), query.get("signature")))
                    .isTrue();
        }

        String key = HostedNames.s3Key("stories/", postId, UUID.randomUUID(), extension);
        assertThat(key).matches("[A-Za-z0-9/._-]+");
        assertThat(key.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(1024);
        String presigned = PRESIGNER
                .presignGetObject(r -> r.signatureDuration(Duration.ofHours(1))
                        .getObjectRequest(g -> g.bucket("media").key(key)))
                .url()
                .toString();
        assertThat(FakeGraphApi.acceptsMediaUrl(presigned)).as(presigned).isTrue();
        assertThat(URI.create(presigned).getPath()).isEqualTo("/media/" + key);

        String publicId = HostedNames.cloudinaryPublicId("storyline", postId, UUID.randomUUID());
        assertThat(publicId).matches("[A-Za-z0-9/_-]+");
        String delivered = CLOUDINARY.url().resourceType("image").generate(publicId + extension);
        assertThat(FakeGraphApi.acceptsMediaUrl(delivered)).as(delivered).isTrue();
    }

    private static String withoutRefusedCharacters(String path) {
        return path.codePoints()
                .map(c -> c == '\\' || Character.isISOControl(c) ? '_' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> query = new java.util.HashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            query.put(kv[0], kv[1]);
        }
        return query;
    }
}
