package dev.storyline.upload.hosting;

import java.util.UUID;

/**
 * Where media is hosted for the Graph API, chosen by CLOUD_STORAGE_PROVIDER. Implementations make
 * external calls: callers never hold a database transaction across them. Failures are reported as
 * {@link HostingException}, transient or permanent.
 */
public interface CloudStorage {

    /**
     * The id the copy gets at the provider, derived from the post and the claim that uploads it: every
     * retry of one claim (after a timeout whose upload may have landed) writes the same object instead
     * of leaving another one behind, and the id can be recorded before anything is uploaded.
     */
    String objectId(UUID postId, UUID claimId, StoryMedia media);

    /**
     * Whether hosting {@code media} leaves an object behind that only a delete removes, so it must be recorded
     * before the upload (for the sweep, should the upload's outcome be lost). Every provider that stores a
     * copy does.
     */
    default boolean leavesObject(StoryMedia media) {
        return true;
    }

    /**
     * Whether {@link #delete} is local and quick (no network call), so it may run inside the transaction
     * that records the copy deleted.
     */
    default boolean deletesLocally() {
        return false;
    }

    /** Hosts {@code media} as {@code objectId} (streamed, never read whole into memory) and returns where it can be fetched. */
    HostedMedia upload(String accountId, UUID postId, String objectId, StoryMedia media);

    /** Hosts {@code media} under a fresh id (tools and probes; the worker always names the object first). */
    default HostedMedia upload(String accountId, UUID postId, StoryMedia media) {
        return upload(accountId, postId, objectId(postId, UUID.randomUUID(), media), media);
    }

    /** Removes a hosted copy; deleting one that is already gone is not an error. */
    void delete(String publicId, String mimeType);
}
