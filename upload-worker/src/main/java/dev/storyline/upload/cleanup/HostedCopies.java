package dev.storyline.upload.cleanup;

import dev.storyline.contracts.events.EventEnvelope;
import dev.storyline.contracts.events.EventPayload;
import dev.storyline.platform.consuming.InboxMark;
import dev.storyline.upload.UploadProperties;
import dev.storyline.upload.hosting.CloudStorage;
import dev.storyline.upload.hosting.HostingException;
import dev.storyline.upload.hosting.HostingRetry;
import dev.storyline.upload.hosting.Upload;
import dev.storyline.upload.hosting.Uploads;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Deletes hosted copies once they are no longer needed: when the post's story is over (published,
 * resolved by hand, or failed), and, as a safety net, every copy older than CLOUD_UPLOAD_RETENTION_HOURS.
 */
@Component
class HostedCopies {

    private static final Logger log = LoggerFactory.getLogger(HostedCopies.class);
    private static final int SWEEP_BATCH = 100;

    private final Uploads uploads;
    private final CloudStorage storage;
    private final HostingRetry retry;
    private final String provider;
    private final Duration retention;
    private final Clock clock;
    private final TransactionTemplate transactions;

    HostedCopies(
            Uploads uploads,
            CloudStorage storage,
            HostingRetry retry,
            UploadProperties properties,
            Clock clock,
            TransactionTemplate transactions) {
        this.uploads = uploads;
        this.transactions = transactions;
        this.storage = storage;
        this.retry = retry;
        this.provider = properties.storageProvider();
        this.retention = properties.retention();
        this.clock = clock;
    }

    /**
     * PostPublished, ManualPostResolved, PostFailed: the post no longer needs its hosted copy. The inbox check
     * and the look-up are one transaction; the copy recorded deleted and the inbox mark another, after the
     * provider deleted it (a crash in between deletes it again on redelivery, which is no error). A provider
     * that deletes locally does all of it in one transaction.
     */
    void onPostFinished(EventEnvelope<? extends EventPayload> event, InboxMark inbox) {
        if (event.postId() == null) {
            return;
        }
        if (storage.deletesLocally()) {
            transactions.executeWithoutResult(status -> {
                if (!inbox.alreadyProcessed()) {
                    copyOf(event).ifPresent(upload -> deleteCopy(upload, event));
                    inbox.markWithOutcome();
                }
            });
            return;
        }
        Optional<Upload> copy = transactions.execute(status -> {
            if (inbox.alreadyProcessed()) {
                return Optional.<Upload>empty();
            }
            Optional<Upload> found = copyOf(event);
            if (found.isEmpty()) {
                inbox.markWithOutcome();
            }
            return found;
        });
        if (copy != null && copy.isPresent()) {
            deleteAtProvider(copy.get());
            transactions.executeWithoutResult(status -> {
                uploads.markDeleted(copy.get().postId(), copy.get().publicId());
                inbox.markWithOutcome();
            });
            logDeleted(copy.get(), event);
        }
    }

    private Optional<Upload> copyOf(EventEnvelope<? extends EventPayload> event) {
        return uploads.forPost(event.postId())
                .filter(upload -> upload.hasCopy() && !Upload.UPLOADING.equals(upload.status()));
    }

    private void deleteCopy(Upload upload, EventEnvelope<? extends EventPayload> event) {
        // a transient failure that outlasts the retries is thrown: the broker retries the event
        delete(upload);
        logDeleted(upload, event);
    }

    private static void logDeleted(Upload upload, EventEnvelope<? extends EventPayload> event) {
        log.info("deleted the hosted copy {} of post {} after {}", upload.publicId(), upload.postId(), event.type());
    }

    /** Deletes copies older than the retention; returns how many. One failing copy does not stop the others. */
    int sweep() {
        List<Upload> expired = uploads.sweepable(clock.instant().minus(retention), SWEEP_BATCH);
        int deleted = 0;
        for (Upload upload : expired) {
            try {
                delete(upload);
                deleted++;
            } catch (HostingException e) {
                log.warn(
                        "sweep could not delete {} of post {} (next sweep retries): {}",
                        upload.publicId(),
                        upload.postId(),
                        e.getMessage());
            }
        }
        if (deleted > 0) {
            log.info("sweep deleted {} hosted copies older than {}", deleted, retention);
        }
        return deleted + sweepOrphans();
    }

    /** Objects uploaded by a claim that never became (or stopped being) a post's copy. */
    private int sweepOrphans() {
        int deleted = 0;
        for (Uploads.Orphan orphan : uploads.orphanedObjects(SWEEP_BATCH)) {
            if (!provider.equals(orphan.provider())) {
                log.warn(
                        "object {} of post {} is at {}, not at the configured {}; delete it there by hand",
                        orphan.publicId(),
                        orphan.postId(),
                        orphan.provider(),
                        provider);
                uploads.objectDeleted(orphan.publicId());
                continue;
            }
            try {
                retry.run(() -> storage.delete(orphan.publicId(), orphan.mimeType()));
                uploads.objectDeleted(orphan.publicId());
                deleted++;
                log.info("sweep deleted the untracked object {} of post {}", orphan.publicId(), orphan.postId());
            } catch (HostingException e) {
                log.warn(
                        "sweep could not delete the untracked object {} (next sweep retries): {}",
                        orphan.publicId(),
                        e.getMessage());
            }
        }
        return deleted;
    }

    private void delete(Upload upload) {
        deleteAtProvider(upload);
        uploads.markDeleted(upload.postId(), upload.publicId());
    }

    private void deleteAtProvider(Upload upload) {
        if (provider.equals(upload.provider())) {
            retry.run(() -> storage.delete(upload.publicId(), upload.mimeType()));
        } else {
            log.warn(
                    "copy {} of post {} is at {}, not at the configured {}; delete it there by hand",
                    upload.publicId(),
                    upload.postId(),
                    upload.provider(),
                    provider);
        }
    }
}
