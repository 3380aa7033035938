package dev.storyline.instagram.quota;

import dev.storyline.instagram.InstagramProperties;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import org.springframework.stereotype.Component;

/**
 * INSTAGRAM_POSTS_PER_HOUR per account, within this instance (resilience4j, one limiter per account).
 * It paces one worker's calls; the limit that must hold across the whole pool is {@link PublishingQuota}.
 * A post that gets no permission within INSTAGRAM_RATE_LIMIT_WAIT is not dropped: the caller hands it
 * back to the broker, whose backoff retries it later.
 */
@Component
public class PostRateLimiter {

    private final RateLimiterRegistry registry;
    private final int postsPerHour;

    PostRateLimiter(InstagramProperties properties) {
        this.postsPerHour = properties.postsPerHour();
        this.registry = RateLimiterRegistry.of(RateLimiterConfig.custom()
                .limitForPeriod(properties.postsPerHour())
                .limitRefreshPeriod(properties.rateLimit().window())
                .timeoutDuration(properties.rateLimit().maxWait())
                .build());
    }

    /** Waits at most INSTAGRAM_RATE_LIMIT_WAIT; false means "not now, try again later". */
    public boolean tryAcquire(String accountId) {
        return limiter(accountId).acquirePermission();
    }

    /** Permissions this instance has left for the account in the current period. */
    public int availablePermissions(String accountId) {
        return Math.max(0, limiter(accountId).getMetrics().getAvailablePermissions());
    }

    public int postsPerHour() {
        return postsPerHour;
    }

    private RateLimiter limiter(String accountId) {
        return registry.rateLimiter("instagram-posts-" + accountId);
    }
}
