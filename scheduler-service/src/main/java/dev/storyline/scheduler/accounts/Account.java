package dev.storyline.scheduler.accounts;

import java.time.Instant;
import java.time.ZoneId;

/**
 * @param apiPausedUntil after Meta throttled the account, the API route rests until then (null: not paused)
 */
public record Account(
        String id,
        String displayName,
        String instagramUserId,
        boolean apiEnabled,
        boolean dryRun,
        boolean tokenHealthy,
        boolean paused,
        String mediaSubdir,
        int postsPerDay,
        int windowStartHour,
        int windowEndHour,
        String timezone,
        int jitterMinutes,
        Instant apiPausedUntil) {

    public ZoneId zone() {
        return ZoneId.of(timezone);
    }
}
