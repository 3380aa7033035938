package dev.storyline.scheduler.accounts;

import java.time.ZoneId;

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
        int jitterMinutes) {

    public ZoneId zone() {
        return ZoneId.of(timezone);
    }
}
