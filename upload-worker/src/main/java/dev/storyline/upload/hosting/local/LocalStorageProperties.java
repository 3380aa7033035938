package dev.storyline.upload.hosting.local;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * @param publicBaseUrl where the Graph API reaches this worker, e.g. {@code http://upload-worker:8081};
 *                      every replica must be reachable under it and share the signing key
 * @param signingKey    HMAC key for the links, at least 32 characters; never printed
 * @param linkTtl       how long a link works
 * @param storyCopies   where Story-ready copies (images converted to 9:16 JPEG) are kept while hosted; replicas
 *                      serving each other's links must share it (a volume)
 */
@Validated
@ConditionalOnLocalStorage
@ConfigurationProperties("storyline.upload.local")
public record LocalStorageProperties(
        @NotBlank(
                message =
                        "set LOCAL_STORAGE_PUBLIC_BASE_URL to the URL the Graph API reaches this worker at, e.g. http://upload-worker:8081")
        String publicBaseUrl,

        String signingKey,

        @NotNull(message = "set LOCAL_STORAGE_LINK_TTL, e.g. 24h")
        Duration linkTtl,

        @NotBlank(message = "set LOCAL_STORAGE_DIR to a writable folder for Story-ready copies")
        String storyCopies) {

    static final int MIN_KEY_LENGTH = 32;

    public LocalStorageProperties {
        // Checked here rather than by constraints: a constraint violation's start-up report prints the value.
        if (signingKey == null || signingKey.isBlank()) {
            throw new IllegalArgumentException("set LOCAL_STORAGE_SIGNING_KEY (at least " + MIN_KEY_LENGTH
                    + " characters, the same on every replica)");
        }
        if (signingKey.length() < MIN_KEY_LENGTH) {
            throw new IllegalArgumentException(
                    "LOCAL_STORAGE_SIGNING_KEY must be at least " + MIN_KEY_LENGTH + " characters");
        }
        if (publicBaseUrl != null && !publicBaseUrl.isBlank()) {
            publicBaseUrl = publicBaseUrl.strip().replaceAll("/+$", "");
            if (!isHttpUrl(publicBaseUrl)) {
                throw new IllegalArgumentException("LOCAL_STORAGE_PUBLIC_BASE_URL=" + publicBaseUrl
                        + " is not an http(s) URL such as http://upload-worker:8081");
            }
        }
        if (linkTtl != null && (linkTtl.isNegative() || linkTtl.isZero())) {
            throw new IllegalArgumentException("LOCAL_STORAGE_LINK_TTL must be positive, e.g. 24h");
        }
    }

    @Override
    public String toString() {
        return "LocalStorageProperties[publicBaseUrl=" + publicBaseUrl + ", signingKey=(hidden), linkTtl=" + linkTtl
                + ", storyCopies=" + storyCopies + "]";
    }

    private static boolean isHttpUrl(String url) {
        try {
            URI uri = URI.create(url);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                    && uri.getHost() != null
                    && uri.getQuery() == null
                    && uri.getFragment() == null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
