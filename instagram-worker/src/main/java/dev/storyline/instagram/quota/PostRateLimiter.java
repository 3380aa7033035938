package dev.storyline.instagram.quota;

import dev.storyline.instagram.InstagramProperties;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import org.springframework.stereotype.Component;

/**
 * INSTAGRAM_POSTS_PER_HOUR per account, within this instance (resilience4j, one limiter per account).
 * It paces one worker's calls; the limit that must hold across the whole pool is {@link PublishingQuota}.
 * Pacing only delays: a post waits up to INSTAGRAM_RATE_LIMIT_WAIT for a permission, and if none comes
 * that soon it goes ahead under Meta's quota, which alone decides whether a post must go to a person.
 */
@Component
public class PostRateLimiter implements dev.storyline.instagram.health.Pacing {

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

    /**
     * Reserves the account's next permission if it comes within INSTAGRAM_RATE_LIMIT_WAIT and says how
     * long to wait for it (zero: now); empty if it comes later (nothing is reserved then).
     */
    public java.util.Optional<java.time.Duration> reserve(String accountId) {
        long nanos = limiter(accountId).reservePermission();
        return nanos < 0 ? java.util.Optional.empty() : java.util.Optional.of(java.time.Duration.ofNanos(nanos));
    }

    /** Permissions this instance has left for the account in the current period. */
    @Override
    public int availablePermissions(String accountId) {
        return Math.max(0, limiter(accountId).getMetrics().getAvailablePermissions());
    }

    @Override
    public int postsPerHour() {
        return postsPerHour;
    }

    private RateLimiter limiter(String accountId) {
        return registry.rateLimiter("instagram-posts-" + accountId);
    }
}
