package dev.storyline.instagram.publishing;

import dev.storyline.contracts.events.FallbackReason;
import dev.storyline.instagram.InstagramProperties;
import dev.storyline.instagram.graph.AccessTokens;
import dev.storyline.instagram.quota.PostRateLimiter;
import dev.storyline.instagram.quota.PublishingQuota;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** What a post must be allowed before Meta is asked for anything: this instance's pacing and a quota unit. */
@Component
class PublishAllowance {

    private static final Logger log = LoggerFactory.getLogger(PublishAllowance.class);

    private final PostRateLimiter rateLimiter;
    private final PublishingQuota quota;
    private final InstagramProperties properties;

    PublishAllowance(PostRateLimiter rateLimiter, PublishingQuota quota, InstagramProperties properties) {
        this.rateLimiter = rateLimiter;
        this.quota = quota;
        this.properties = properties;
    }

    /**
     * This instance's INSTAGRAM_POSTS_PER_HOUR pacing, then one unit of the account's publishing quota
     * (across the pool), both before Meta is asked for anything. The pacing only delays (the claim is kept
     * meanwhile): a self-imposed limit must never send a post, let alone the account's next hour, to a
     * person while Meta's quota has room. Quota used up → RATE_LIMITED fallback at once.
     */
    void takeRateAndQuota(
            Publication claimed,
            String accountId,
            String igUserId,
            AccessTokens.AccessToken token,
            ContainerWatcher.ClaimKeeper keeper) {
        java.util.Optional<Duration> wait = rateLimiter.reserve(accountId);
        if (wait.isEmpty()) {
            log.warn(
                    "post {}: INSTAGRAM_POSTS_PER_HOUR={} reached for account {} on this instance and no permission "
                            + "within INSTAGRAM_RATE_LIMIT_WAIT; publishing within Meta's quota",
                    claimed.postId(),
                    rateLimiter.postsPerHour(),
                    accountId);
        } else {
            waitKeepingClaim(wait.get(), keeper);
        }
        switch (quota.reserve(claimed.postId(), claimed.claim().token(), accountId, igUserId, token)) {
            case PublishingQuota.Reservation.Reserved reserved ->
                log.debug("post {}: quota unit reserved, {} left", claimed.postId(), reserved.left());
            case PublishingQuota.Reservation.Exhausted exhausted ->
                throw PublishFailure.permanent(FallbackReason.RATE_LIMITED, exhausted.describe());
            case PublishingQuota.Reservation.ClaimLost lost ->
                throw PublishFailure.retryable(
                        "lost the claim on post " + claimed.postId() + " while reserving its quota unit");
        }
    }

    private void waitKeepingClaim(Duration wait, ContainerWatcher.ClaimKeeper keeper) {
        long until = System.nanoTime() + wait.toNanos();
        Duration step = properties.containerPoll().maxInterval();
        while (true) {
            long left = until - System.nanoTime();
            if (left <= 0) {
                return;
            }
            keeper.renewOrAbort();
            try {
                Thread.sleep(Math.max(1, Math.min(step.toMillis(), left / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw PublishFailure.retryable("interrupted while pacing (shutting down)");
            }
        }
    }
}
