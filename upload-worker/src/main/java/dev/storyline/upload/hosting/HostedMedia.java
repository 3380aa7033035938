package dev.storyline.upload.hosting;

import java.time.Instant;
import java.util.Objects;

/**
 * A copy of a post's media that the Graph API can fetch at {@code url} until {@code expiresAt}.
 *
 * @param publicId the provider's name for the copy, used to delete it
 */
public record HostedMedia(String url, String provider, String publicId, Instant expiresAt) {

    public HostedMedia {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(publicId, "publicId");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
