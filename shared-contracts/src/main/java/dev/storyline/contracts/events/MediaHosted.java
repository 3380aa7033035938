package dev.storyline.contracts.events;

import java.time.Instant;
import java.util.Objects;

/** The media is reachable at a public URL until {@code expiresAt}; the Graph API can fetch it now. */
public record MediaHosted(
        PostContent content,
        String url,
        String provider,
        String publicId,
        Instant expiresAt,
        String instagramUserId,
        boolean dryRun)
        implements EventPayload {

    public MediaHosted {
        Objects.requireNonNull(content, "content");
        Events.requireText(url, "url");
        Events.requireText(provider, "provider");
        Events.requireText(publicId, "publicId");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    @Override
    public String routingKey() {
        return "media.hosted";
    }
}
