package dev.storyline.scheduler;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * @param rateLimitPause after a RATE_LIMITED fallback the account's posts go to Telegram this long
 * @param contentLowDays admins are warned when fewer days of postable media remain
 * @param loopsEnabled off only in tests that drive planning and dispatch by hand
 * @param missedGrace a slot overdue by more than this (e.g. after downtime) is marked MISSED instead of
 *                    posted late, so a restart never bursts a backlog of posts (LESSONS 7, 15)
 */
@Validated
@ConfigurationProperties("storyline.scheduler")
public record SchedulerProperties(
        @NotBlank(message = "set MEDIA_ROOT to the media folder (one subfolder per category)") String mediaRoot,
        Duration dispatchInterval,
        Duration indexInterval,
        @Min(value = 1, message = "PLAN_DAYS_AHEAD must be at least 1") int planDaysAhead,
        Duration missedGrace,
        Duration repostLock,
        Duration skipLock,
        Duration rateLimitPause,
        double contentLowDays,
        boolean loopsEnabled) {

    public SchedulerProperties {
        if (mediaRoot != null && !mediaRoot.isBlank() && !Files.isDirectory(Path.of(mediaRoot))) {
            throw new IllegalArgumentException("MEDIA_ROOT=" + mediaRoot + " is not a directory");
        }
    }

    public Path mediaRootPath() {
        return Path.of(mediaRoot).toAbsolutePath().normalize();
    }
}
