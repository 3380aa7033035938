package dev.storyline.upload.cleanup;

import dev.storyline.platform.health.BackgroundLoops;
import dev.storyline.upload.UploadProperties;
import java.time.Duration;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Runs the retention sweep every CLOUD_UPLOAD_SWEEP_INTERVAL; a sweep that keeps failing (e.g. no
 * database) turns liveness DOWN.
 */
@Component
class UploadSweep {

    static final String LOOP = "upload-sweep";

    private final HostedCopies copies;
    private final BackgroundLoops loops;
    private final Duration interval;

    UploadSweep(HostedCopies copies, BackgroundLoops loops, UploadProperties properties) {
        this.copies = copies;
        this.loops = loops;
        this.interval = properties.sweepInterval();
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        loops.every(LOOP, interval, interval, interval.multipliedBy(3).plusMinutes(5), copies::sweep);
    }
}
