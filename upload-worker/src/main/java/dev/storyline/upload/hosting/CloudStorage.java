package dev.storyline.upload.hosting;

import dev.storyline.contracts.events.PostContent;

import java.nio.file.Path;
import java.util.UUID;

/**
 * Where media is hosted for the Graph API, chosen by CLOUD_STORAGE_PROVIDER. Implementations make
 * external calls: callers never hold a database transaction across them.
 */
public interface CloudStorage {

    /** Hosts {@code file} (the post's media, already checked readable) and returns where it can be fetched. */
    HostedMedia upload(String accountId, UUID postId, PostContent content, Path file);

    /** Removes a hosted copy; deleting one that is already gone is not an error. */
    void delete(String publicId);
}
