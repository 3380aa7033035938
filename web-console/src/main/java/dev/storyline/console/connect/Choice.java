package dev.storyline.console.connect;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The person's choice after signing in at Meta: which professional account, under which Storyline account id,
 * with which media folder, posting window and time zone. Checked here so every refusal names the field and what
 * it allows before anything reaches the scheduler.
 */
public record Choice(
        String instagramUserId,
        String accountId,
        String displayName,
        String mediaSubdir,
        String windowStartHour,
        String windowEndHour,
        String timezone,
        String dryRun) {

    static final String ACCOUNT_ID = "[a-z0-9][a-z0-9_-]{0,62}";

    /**
     * The form as first shown, with the scheduler's defaults. With one account found, its username suggests the
     * id; with several the person names it, and a blank display name becomes the chosen account's username.
     */
    static Choice defaults(java.util.List<Grant.Discovered> accounts, String reconnect) {
        Grant.Discovered only = accounts.size() == 1 ? accounts.getFirst() : null;
        String suggested = only == null || only.username() == null
                ? ""
                : only.username().toLowerCase().replaceAll("[^a-z0-9_-]", "-");
        String id = reconnect != null ? reconnect : suggested;
        return new Choice(only == null ? null : only.instagramUserId(), id, "", id, "9", "21", "UTC", "on");
    }

    /** Field name to what is allowed; empty when the choice can be used. */
    Map<String, String> problems(Grant grant) {
        Map<String, String> problems = new LinkedHashMap<>();
        if (instagramUserId == null || grant.account(instagramUserId).isEmpty()) {
            problems.put("instagramUserId", "Instagram account: choose one of the accounts listed");
        }
        if (accountId == null || !accountId.matches(ACCOUNT_ID)) {
            problems.put(
                    "accountId",
                    "Storyline account id: 1 to 63 lower-case letters, digits, - or _, starting with a letter or digit");
        }
        if (displayName != null && displayName.strip().length() > 100) {
            problems.put("displayName", "Display name: at most 100 characters");
        }
        if (mediaSubdir == null || !mediaSubdir.matches("[A-Za-z0-9_][A-Za-z0-9._-]{0,63}")) {
            problems.put(
                    "mediaSubdir",
                    "Media subfolder: one folder name under the media root, 1 to 64 letters, digits, . _ or -");
        }
        Integer start = hour(windowStartHour, 23);
        Integer end = hour(windowEndHour, 24);
        if (start == null) {
            problems.put("windowStartHour", "Window from: a whole hour from 0 to 23");
        }
        if (end == null) {
            problems.put("windowEndHour", "Window until: a whole hour from 0 to 24");
        }
        if (start != null && end != null && end <= start) {
            problems.put("windowEndHour", "Window until: later than the start hour");
        }
        if (zone() == null) {
            problems.put("timezone", "Time zone: an IANA time zone such as Europe/Berlin");
        }
        return problems;
    }

    /** A checkbox: sent as "on" when ticked, absent otherwise. */
    public boolean dryRunOn() {
        return "on".equals(dryRun) || "true".equals(dryRun);
    }

    int start() {
        return hour(windowStartHour, 23);
    }

    int end() {
        return hour(windowEndHour, 24);
    }

    /** The display name given, else the Instagram username, else the account id. */
    String name(Grant.Discovered chosen) {
        if (displayName != null && !displayName.isBlank()) {
            return displayName.strip();
        }
        return chosen.username() == null || chosen.username().isBlank() ? accountId : chosen.username();
    }

    ZoneId zone() {
        try {
            return timezone == null || timezone.isBlank() ? null : ZoneId.of(timezone.strip());
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static Integer hour(String value, int max) {
        if (value == null || !value.strip().matches("[0-9]{1,2}")) {
            return null;
        }
        int h = Integer.parseInt(value.strip());
        return h <= max ? h : null;
    }
}
