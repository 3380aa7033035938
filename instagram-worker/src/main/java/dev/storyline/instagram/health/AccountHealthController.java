package dev.storyline.instagram.health;

import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/health/accounts}: each account's API health and rate-limit status (Meta's quota as
 * last read, the units left, and this instance's INSTAGRAM_POSTS_PER_HOUR permissions). Behind the
 * admin token like every {@code /api/**} path.
 */
@RestController
class AccountHealthController {

    record AccountHealth(
            String accountId,
            java.time.Instant lastSuccessAt,
            java.time.Instant lastErrorAt,
            String lastErrorCategory,
            String lastError,
            Integer quotaLeft,
            java.time.Instant updatedAt,
            AccountApiHealth.Quota quota,
            RateLimit rateLimit) {}

    record RateLimit(int postsPerHour, int availableOnThisInstance) {}

    private final AccountApiHealth health;
    private final Pacing rateLimiter;

    AccountHealthController(AccountApiHealth health, Pacing rateLimiter) {
        this.health = health;
        this.rateLimiter = rateLimiter;
    }

    @GetMapping("/api/health/accounts")
    List<AccountHealth> accounts() {
        return health.all().stream()
                .map(row -> new AccountHealth(
                        row.accountId(),
                        row.lastSuccessAt(),
                        row.lastErrorAt(),
                        row.lastErrorCategory(),
                        row.lastError(),
                        row.quotaLeft(),
                        row.updatedAt(),
                        row.quota(),
                        new RateLimit(rateLimiter.postsPerHour(), rateLimiter.availablePermissions(row.accountId()))))
                .toList();
    }
}
