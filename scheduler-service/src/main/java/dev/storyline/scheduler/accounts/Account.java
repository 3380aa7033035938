package dev.storyline.scheduler.accounts;

import java.time.Instant;
import java.time.ZoneId;

/**
 * @param apiPausedUntil after Meta throttled the account, the API route rests until then (null: not paused)
 * @param apiPostsPerDay gradual roll-out: at most this many slots of a local day go through the Graph API, the
 *     rest to Telegram (null: no limit)
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
        Instant apiPausedUntil,
        Integer apiPostsPerDay) {

    public ZoneId zone() {
        return ZoneId.of(timezone);
    }
}
