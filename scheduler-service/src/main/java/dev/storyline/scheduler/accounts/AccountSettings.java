package dev.storyline.scheduler.accounts;

import dev.storyline.platform.admin.AdminApiErrors.BadInput;
import dev.storyline.platform.admin.AdminApiErrors.FieldProblem;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules an account's settings keep, checked before anything is stored, each refusal naming the
 * field, the value given and what is allowed. Shared by adding and changing an account.
 */
public final class AccountSettings {

    public static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");
    /** One folder directly under MEDIA_ROOT; nested or hidden folders would blur which account owns what. */
    public static final Pattern FOLDER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    public static final int MAX_DISPLAY_NAME = 100;
    public static final int MAX_POSTS_PER_DAY = 100;

    private static final Set<String> ZONES = ZoneId.getAvailableZoneIds();

    private AccountSettings() {}

    /** Refuses every rule the account breaks at once, so one answer lists all that must change. */
    public static void check(Account a) {
        List<FieldProblem> problems = new ArrayList<>();
        if (a.id() == null || !ID.matcher(a.id()).matches()) {
            problems.add(new FieldProblem(
                    "id", a.id(), "1 to 63 lower-case letters, digits, - or _, starting with a letter or digit"));
        }
        if (a.displayName() == null
                || a.displayName().isBlank()
                || a.displayName().length() > MAX_DISPLAY_NAME) {
            problems.add(new FieldProblem(
                    "displayName", shorten(a.displayName()), "1 to " + MAX_DISPLAY_NAME + " characters"));
        }
        if (a.instagramUserId() != null && !a.instagramUserId().matches("[0-9]{1,32}")) {
            problems.add(new FieldProblem(
                    "instagramUserId", shorten(a.instagramUserId()), "the numeric Instagram user id (digits only)"));
        }
        if (a.apiEnabled() && a.instagramUserId() == null) {
            problems.add(new FieldProblem("instagramUserId", null, "required when apiEnabled is true"));
        }
        if (a.mediaSubdir() == null
                || !(a.mediaSubdir().isEmpty()
                        || FOLDER.matcher(a.mediaSubdir()).matches())) {
            problems.add(new FieldProblem(
                    "mediaSubdir",
                    shorten(a.mediaSubdir()),
                    "one folder name directly under MEDIA_ROOT (letters, digits, . _ -, at most 64 characters, no /)"));
        }
        if (a.postsPerDay() < 0 || a.postsPerDay() > MAX_POSTS_PER_DAY) {
            problems.add(new FieldProblem(
                    "postsPerDay",
                    String.valueOf(a.postsPerDay()),
                    "0 to " + MAX_POSTS_PER_DAY + " (0: nothing is planned, post-next only)"));
        }
        if (a.windowStartHour() < 0 || a.windowStartHour() > 23) {
            problems.add(new FieldProblem("windowStartHour", String.valueOf(a.windowStartHour()), "0 to 23"));
        }
        if (a.windowEndHour() < 0 || a.windowEndHour() > 24) {
            problems.add(new FieldProblem("windowEndHour", String.valueOf(a.windowEndHour()), "0 to 24"));
        }
        if (a.windowStartHour() == a.windowEndHour() % 24 && !(a.windowStartHour() == 0 && a.windowEndHour() == 24)) {
            problems.add(new FieldProblem(
                    "window",
                    a.windowStartHour() + "-" + a.windowEndHour(),
                    "two different hours, e.g. 9-21 or 20-2 (crossing midnight); the whole day is 0-24"));
        }
        if (a.timezone() == null || !ZONES.contains(a.timezone())) {
            problems.add(new FieldProblem(
                    "timezone",
                    shorten(a.timezone()),
                    "an IANA time zone such as Europe/Berlin, Asia/Tokyo or UTC (not an offset like +09:00)"));
        }
        if (a.jitterMinutes() < 0 || a.jitterMinutes() > 120) {
            problems.add(new FieldProblem("jitterMinutes", String.valueOf(a.jitterMinutes()), "0 to 120"));
        }
        if (!problems.isEmpty()) {
            throw new BadInput(problems);
        }
    }

    /** Hours in the posting window, 1 to 24 (a window crossing midnight counts on into the next day). */
    public static int windowHours(Account a) {
        int hours = Math.floorMod(a.windowEndHour() - a.windowStartHour(), 24);
        return hours == 0 ? 24 : hours;
    }

    /**
     * Settings that are allowed but that an operator should hear about: nothing planned, or more posts
     * an hour than instagram-worker publishes.
     */
    public static List<String> warnings(Account a, int instagramPostsPerHour) {
        List<String> warnings = new ArrayList<>();
        if (a.postsPerDay() == 0) {
            warnings.add("postsPerDay is 0: no slots are planned; posts go out only with post-next");
        }
        if (a.postsPerDay() > 0 && a.apiEnabled()) {
            Duration spacing = Duration.ofHours(windowHours(a)).dividedBy(a.postsPerDay());
            double perHour = (double) a.postsPerDay() / windowHours(a);
            if (perHour > instagramPostsPerHour) {
                warnings.add(String.format(
                        Locale.ROOT,
                        "%d posts in a %d h window is %.1f an hour, one every %s; "
                                + "instagram-worker publishes at most %d an hour per account (INSTAGRAM_POSTS_PER_HOUR): "
                                + "the rest wait for the next hour's quota, and those whose retries run out go to "
                                + "Telegram for a person",
                        a.postsPerDay(),
                        windowHours(a),
                        perHour,
                        human(spacing),
                        instagramPostsPerHour));
            }
        }
        return warnings;
    }

    private static String human(Duration d) {
        return d.toMinutes() >= 1 ? d.toMinutes() + " min" : d.toSeconds() + " s";
    }

    /** A 5,000-character value is named, not echoed back whole. */
    static String shorten(String s) {
        return s == null || s.length() <= 80 ? s : s.substring(0, 77) + "... (" + s.length() + " characters)";
    }
}
