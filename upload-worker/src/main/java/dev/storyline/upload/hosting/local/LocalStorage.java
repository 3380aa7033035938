package dev.storyline.upload.hosting.local;

import dev.storyline.upload.UploadProperties;
import dev.storyline.upload.hosting.CloudStorage;
import dev.storyline.upload.hosting.HostedMedia;
import dev.storyline.upload.hosting.HostedNames;
import dev.storyline.upload.hosting.HostingException;
import dev.storyline.upload.hosting.StoryMedia;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Hosting by the worker itself, served by {@link MediaLinkController}: a Story-ready original straight
 * from MEDIA_ROOT, a converted image from {@link StoryCopies}; "uploading" mints a fresh public id and a
 * signed, expiring link.
 * The public id leads to the file only through the {@code uploads} row, never through the URL.
 */
@Component
@ConditionalOnLocalStorage
class LocalStorage implements CloudStorage {

    static final String PROVIDER = UploadProperties.LOCAL;

    private final SignedLinks links;
    private final StoryCopies copies;
    private final Duration linkTtl;
    private final Clock clock;

    LocalStorage(
            SignedLinks links,
            StoryCopies copies,
            LocalStorageProperties properties,
            UploadProperties upload,
            Clock clock) {
        if (properties.linkTtl().compareTo(upload.reuseMargin()) <= 0) {
            // otherwise every redelivery would find the upload "about to expire", host it again and announce it twice
            throw new IllegalArgumentException("LOCAL_STORAGE_LINK_TTL (" + properties.linkTtl()
                    + ") must be longer than the reuse margin (" + upload.reuseMargin() + ")");
        }
        this.links = links;
        this.copies = copies;
        this.linkTtl = properties.linkTtl();
        this.clock = clock;
    }

    @Override
    public String objectId(UUID postId, UUID claimId, StoryMedia media) {
        // the extension only helps fetchers that look at URLs; the Content-Type comes from the row
        return HostedNames.localPublicId(claimId, media.converted() ? ".jpg" : media.extension());
    }

    @Override
    public HostedMedia upload(String accountId, UUID postId, String objectId, StoryMedia media) {
        String publicId = objectId;
        if (media.converted()) {
            try {
                copies.keep(publicId, media.file());
            } catch (IOException e) {
                throw HostingException.permanent("cannot keep the Story-ready copy: " + e.getMessage(), e);
            }
        }
        Instant expiresAt = clock.instant().plus(linkTtl).truncatedTo(ChronoUnit.SECONDS);
        return new HostedMedia(links.url(publicId, expiresAt), PROVIDER, publicId, expiresAt);
    }

    /** Only a converted copy is kept (in {@link StoryCopies}); an original is served from MEDIA_ROOT as it is. */
    @Override
    public boolean leavesObject(StoryMedia media) {
        return media.converted();
    }

    /** A file in this worker's own directory. */
    @Override
    public boolean deletesLocally() {
        return true;
    }

    /**
     * A converted copy is removed; an original stays in MEDIA_ROOT. Either way the link stops working
     * once its row is deleted or replaced.
     */
    @Override
    public void delete(String publicId, String mimeType) {
        copies.delete(publicId);
    }
}
