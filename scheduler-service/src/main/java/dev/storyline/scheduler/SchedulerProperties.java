package dev.storyline.scheduler;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * @param rateLimitPause after a RATE_LIMITED fallback the account's posts go to Telegram this long
 * @param contentLowDays admins are warned when fewer days of postable media remain
 * @param loopsEnabled off only in tests that drive planning and dispatch by hand
 * @param dispatchThreads due slots are dispatched by this many threads at once, each with the accounts
 *                        it has locked (one account's slots always go one after another); each holds a
 *                        database connection while it dispatches a batch
 * @param dispatchBatch at most this many slots are dispatched in one transaction (one commit)
 * @param outcomeConsumers the workers' outcomes (published, fell back, resolved…) are recorded by this many
 *                         consumers at once, each holding a database connection for its transaction; every
 *                         write of an outcome is conditional or idempotent, so two outcomes of one post racing
 *                         each other still have one effect
 * @param missedGrace a slot overdue by more than this (e.g. after downtime) is marked MISSED instead of
 *                    posted late, so a restart never bursts a backlog of posts
 * @param fallbackAlertWindow the period over which an account's fallback rate is measured, and the
 *                            least time between two fallback-rate alerts of one account
 * @param fallbackAlertMinPosts fewer posts routed to the API in the window say nothing about a rate
 *                              (one fallback of two posts is 50 %), so no alert
 * @param fallbackAlertThresholdPercent admins are alerted when more than this share of the posts routed
 *                                      to the API fell back to Telegram (the product's target is 5 %)
 */
@Validated
@ConfigurationProperties("storyline.scheduler")
public record SchedulerProperties(
        @NotBlank(message = "set MEDIA_ROOT to the media folder (one subfolder per category)")
        String mediaRoot,

        Duration dispatchInterval,

        @Min(value = 1, message = "DISPATCH_THREADS must be a whole number from 1 to 8")
        @Max(value = 8, message = "DISPATCH_THREADS must be a whole number from 1 to 8")
        int dispatchThreads,

        @Min(value = 1, message = "DISPATCH_BATCH must be a whole number from 1 to 500")
        @Max(value = 500, message = "DISPATCH_BATCH must be a whole number from 1 to 500")
        int dispatchBatch,

        @Min(value = 1, message = "OUTCOME_CONSUMERS must be a whole number from 1 to 8")
        @Max(value = 8, message = "OUTCOME_CONSUMERS must be a whole number from 1 to 8")
        int outcomeConsumers,

        Duration indexInterval,

        @Min(value = 1, message = "PLAN_DAYS_AHEAD must be at least 1")
        int planDaysAhead,

        Duration missedGrace,
        Duration repostLock,
        Duration skipLock,
        Duration rateLimitPause,
        double contentLowDays,
        boolean loopsEnabled,
        Duration fallbackAlertWindow,

        @Min(value = 1, message = "FALLBACK_ALERT_MIN_POSTS must be at least 1")
        int fallbackAlertMinPosts,

        @DecimalMin(value = "0", message = "FALLBACK_ALERT_THRESHOLD is a percentage from 0 to below 100, e.g. 5")
        @DecimalMax(
                value = "100",
                inclusive = false,
                message = "FALLBACK_ALERT_THRESHOLD is a percentage from 0 to below 100, e.g. 5")
        double fallbackAlertThresholdPercent) {

    public SchedulerProperties {
        if (mediaRoot != null && !mediaRoot.isBlank() && !Files.isDirectory(Path.of(mediaRoot))) {
            throw new IllegalArgumentException("MEDIA_ROOT=" + mediaRoot + " is not a directory");
        }
        if (fallbackAlertWindow == null || fallbackAlertWindow.compareTo(Duration.ofMinutes(1)) < 0) {
            throw new IllegalArgumentException("FALLBACK_ALERT_WINDOW must be a duration of at least 1m, e.g. 6h (got "
                    + fallbackAlertWindow + ")");
        }
    }

    public Path mediaRootPath() {
        return Path.of(mediaRoot).toAbsolutePath().normalize();
    }
}
