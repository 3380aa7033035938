package dev.storyline.upload.hosting;

import java.util.UUID;

/**
 * Where media is hosted for the Graph API, chosen by CLOUD_STORAGE_PROVIDER. Implementations make
 * external calls: callers never hold a database transaction across them. Failures are reported as
 * {@link HostingException}, transient or permanent.
 */
public interface CloudStorage {

    /** Hosts {@code media} (streamed, never read whole into memory) and returns where it can be fetched. */
    HostedMedia upload(String accountId, UUID postId, StoryMedia media);

    /** Removes a hosted copy; deleting one that is already gone is not an error. */
    void delete(String publicId, String mimeType);
}
