package dev.storyline.scheduler.accounts;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.storyline.platform.admin.AdminApiErrors.BadInput;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Locale;

/** Request bodies of the accounts API, validated before they reach the rules in {@link AccountSettings}. */
public final class AccountRequests {

    private AccountRequests() {}

    private static final String HOURS_START = "0 to 23";
    private static final String HOURS_END = "0 to 24";

    /**
     * A new account. Booleans are JSON true/false or the words on/off/true/false in any case. Health and
     * pause state are the scheduler's own and ignored when sent (older clients send them).
     *
     * @param createFolder create {@code MEDIA_ROOT/<mediaSubdir>} when it does not exist (otherwise refused)
     */
    @JsonIgnoreProperties(value = {"tokenHealthy", "paused", "apiPausedUntil"})
    public record NewAccount(
            @NotBlank(message = "1 to 63 lower-case letters, digits, - or _")
            @Pattern(
                    regexp = "[a-z0-9][a-z0-9_-]{0,62}",
                    message = "1 to 63 lower-case letters, digits, - or _, starting with a letter or digit")
            String id,

            @Size(min = 1, max = AccountSettings.MAX_DISPLAY_NAME, message = "1 to 100 characters")
            String displayName,

            String instagramUserId,
            Object apiEnabled,
            Object dryRun,

            @Size(max = 64, message = "one folder name directly under MEDIA_ROOT, at most 64 characters")
            String mediaSubdir,

            @Min(value = 0, message = "0 to 100") @Max(value = 100, message = "0 to 100")
            Integer postsPerDay,

            @Min(value = 0, message = HOURS_START) @Max(value = 23, message = HOURS_START)
            Integer windowStartHour,

            @Min(value = 0, message = HOURS_END) @Max(value = 24, message = HOURS_END)
            Integer windowEndHour,

            @Size(max = 64, message = "an IANA time zone such as Europe/Berlin")
            String timezone,

            @Min(value = 0, message = "0 to 120") @Max(value = 120, message = "0 to 120")
            Integer jitterMinutes,

            Object apiPostsPerDay,
            Object createFolder) {

        Account toAccount() {
            return new Account(
                    id,
                    displayName == null ? id : displayName,
                    blankToNull(instagramUserId),
                    onOff("apiEnabled", apiEnabled, false),
                    onOff("dryRun", dryRun, true),
                    true,
                    false,
                    mediaSubdir == null ? "" : mediaSubdir,
                    postsPerDay == null ? 6 : postsPerDay,
                    windowStartHour == null ? 9 : windowStartHour,
                    windowEndHour == null ? 21 : windowEndHour,
                    timezone == null ? "UTC" : timezone,
                    jitterMinutes == null ? 0 : jitterMinutes,
                    null,
                    apiLimit(apiPostsPerDay, null));
        }
    }

    /** A change to an account: every field is optional, a field left out keeps its value. */
    public record AccountChange(
            @Size(min = 1, max = AccountSettings.MAX_DISPLAY_NAME, message = "1 to 100 characters")
            String displayName,

            String instagramUserId,
            Object apiEnabled,
            Object dryRun,

            @Size(max = 64, message = "one folder name directly under MEDIA_ROOT, at most 64 characters")
            String mediaSubdir,

            @Min(value = 0, message = "0 to 100") @Max(value = 100, message = "0 to 100")
            Integer postsPerDay,

            @Min(value = 0, message = HOURS_START) @Max(value = 23, message = HOURS_START)
            Integer windowStartHour,

            @Min(value = 0, message = HOURS_END) @Max(value = 24, message = HOURS_END)
            Integer windowEndHour,

            @Size(max = 64, message = "an IANA time zone such as Europe/Berlin")
            String timezone,

            @Min(value = 0, message = "0 to 120") @Max(value = 120, message = "0 to 120")
            Integer jitterMinutes,

            Object apiPostsPerDay,
            Object createFolder) {

        Account applyTo(Account a) {
            return new Account(
                    a.id(),
                    displayName == null ? a.displayName() : displayName,
                    instagramUserId == null ? a.instagramUserId() : blankToNull(instagramUserId),
                    onOff("apiEnabled", apiEnabled, a.apiEnabled()),
                    onOff("dryRun", dryRun, a.dryRun()),
                    a.tokenHealthy(),
                    a.paused(),
                    mediaSubdir == null ? a.mediaSubdir() : mediaSubdir,
                    postsPerDay == null ? a.postsPerDay() : postsPerDay,
                    windowStartHour == null ? a.windowStartHour() : windowStartHour,
                    windowEndHour == null ? a.windowEndHour() : windowEndHour,
                    timezone == null ? a.timezone() : timezone,
                    jitterMinutes == null ? a.jitterMinutes() : jitterMinutes,
                    a.apiPausedUntil(),
                    apiLimit(apiPostsPerDay, a.apiPostsPerDay()));
        }
    }

    /** {@code {"enabled": "on"}}: the Graph API route on or off. */
    public record ApiSwitch(Object enabled) {}

    /**
     * The one rule for a boolean the API takes: JSON true/false, or on/off/true/false in any case;
     * anything else is refused rather than read as false.
     */
    public static boolean onOff(String field, Object value, boolean absent) {
        if (value == null) {
            return absent;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof String s) {
            switch (s.trim().toLowerCase(Locale.ROOT)) {
                case "on", "true" -> {
                    return true;
                }
                case "off", "false" -> {
                    return false;
                }
                default -> {}
            }
        }
        throw new BadInput(field, AccountSettings.shorten(String.valueOf(value)), "on, off, true or false (any case)");
    }

    private static final String API_LIMIT = "a whole number 0 to " + AccountSettings.MAX_POSTS_PER_DAY
            + " (Graph API posts a local day, the rest go to Telegram), or none for no limit";

    /**
     * {@code apiPostsPerDay}: a number sets the limit, "none" (any case) lifts it, absent keeps it. A JSON null
     * cannot be told from an absent field, hence the word.
     */
    static Integer apiLimit(Object value, Integer absent) {
        if (value == null) {
            return absent;
        }
        if (value instanceof String s && s.trim().equalsIgnoreCase("none")) {
            return null;
        }
        if (value instanceof Integer n && n >= 0 && n <= AccountSettings.MAX_POSTS_PER_DAY) {
            return n;
        }
        throw new BadInput("apiPostsPerDay", AccountSettings.shorten(String.valueOf(value)), API_LIMIT);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
