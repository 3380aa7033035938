package dev.storyline.platform.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/**
 * Liveness that reflects the background loops: a loop that has not beaten within its bound makes
 * the service DOWN, so an orchestrator restarts it instead of reporting green while nothing posts.
 */
public class LoopHealth extends AbstractHealthIndicator {

    private record Loop(Duration maxSilence, Instant lastBeat) {}

    private final Map<String, Loop> loops = new ConcurrentHashMap<>();
    private final Clock clock;

    public LoopHealth(Clock clock) {
        super("loop health check failed");
        this.clock = clock;
    }

    public void register(String name, Duration maxSilence) {
        loops.put(name, new Loop(maxSilence, clock.instant()));
    }

    public void unregister(String name) {
        loops.remove(name);
    }

    public void beat(String name) {
        loops.computeIfPresent(name, (n, loop) -> new Loop(loop.maxSilence(), clock.instant()));
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        Instant now = clock.instant();
        boolean allAlive = true;
        for (Map.Entry<String, Loop> entry : loops.entrySet()) {
            Duration silence = Duration.between(entry.getValue().lastBeat(), now);
            boolean alive = silence.compareTo(entry.getValue().maxSilence()) <= 0;
            allAlive &= alive;
            builder.withDetail(
                    entry.getKey(), (alive ? "alive" : "STALLED") + ", last beat " + silence.toSeconds() + "s ago");
        }
        if (allAlive) {
            builder.up();
        } else {
            builder.down();
        }
    }
}
