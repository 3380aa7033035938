package dev.storyline.scheduler.accounts;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * @param instagramPostsPerHour what instagram-worker publishes per account and hour
 *                              ({@code INSTAGRAM_POSTS_PER_HOUR}, read here too so that an account
 *                              planned above it is warned about)
 */
@Validated
@ConfigurationProperties("storyline.accounts")
public record AccountLimits(
        @Min(value = 1, message = "INSTAGRAM_POSTS_PER_HOUR must be at least 1")
        int instagramPostsPerHour) {}
