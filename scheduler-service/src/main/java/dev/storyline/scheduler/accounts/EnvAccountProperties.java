package dev.storyline.scheduler.accounts;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.time.DateTimeException;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** The single account configured from environment variables (the one-account setup). */
@Validated
@ConfigurationProperties("storyline.account")
public record EnvAccountProperties(
        @NotBlank(message = "set STORYLINE_ACCOUNT_ID")
        @Pattern(
                regexp = "[a-z0-9][a-z0-9_-]{0,62}",
                message = "STORYLINE_ACCOUNT_ID must be lower-case letters, digits, - or _")
        String id,

        String instagramUserId,
        boolean apiEnabled,
        boolean dryRun,

        @Min(value = 0, message = "POSTS_PER_DAY must be 0..100")
        @Max(value = 100, message = "POSTS_PER_DAY must be 0..100")
        int postsPerDay,

        @Min(value = 0, message = "POSTING_WINDOW_START_HOUR must be 0..23")
        @Max(value = 23, message = "POSTING_WINDOW_START_HOUR must be 0..23")
        int windowStartHour,

        @Min(value = 0, message = "POSTING_WINDOW_END_HOUR must be 0..24")
        @Max(value = 24, message = "POSTING_WINDOW_END_HOUR must be 0..24")
        int windowEndHour,

        @NotBlank(message = "set TIMEZONE to an IANA zone such as Europe/Berlin")
        String timezone,

        @Min(value = 0, message = "POSTING_JITTER_MINUTES must be 0..120")
        @Max(value = 120, message = "POSTING_JITTER_MINUTES must be 0..120")
        int jitterMinutes) {

    public EnvAccountProperties {
        if (timezone != null && !timezone.isBlank()) {
            try {
                ZoneId.of(timezone);
            } catch (DateTimeException e) {
                throw new IllegalArgumentException(
                        "TIMEZONE=" + timezone + " is not an IANA time zone (e.g. Europe/Berlin)");
            }
        }
        if (apiEnabled && (instagramUserId == null || instagramUserId.isBlank())) {
            throw new IllegalArgumentException(
                    "ENABLE_INSTAGRAM_API=true needs INSTAGRAM_ACCOUNT_ID (the Instagram user id)");
        }
    }

    Account toAccount() {
        return new Account(
                id,
                id,
                blankToNull(instagramUserId),
                apiEnabled,
                dryRun,
                true,
                false,
                "",
                postsPerDay,
                windowStartHour,
                windowEndHour,
                timezone,
                jitterMinutes,
                null,
                null);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
