package dev.storyline.console.schedule;

import dev.storyline.console.scheduler.SchedulerOps.AccountPlan;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The posting plan as posted: window hours, IANA time zone, posts a day and jitter. Checked here with the
 * scheduler's own bounds so most mistakes are named before any call; the rules across fields (a window of
 * two equal hours) are the scheduler's, and its refusal is put next to the fields it names.
 */
record SettingsForm(Map<String, String> values, Map<String, String> errors, Map<String, Object> patch) {

    static final String WINDOW = "window";
    static final String GENERAL = "settings";
    private static final Set<String> ZONES = ZoneId.getAvailableZoneIds();

    private record Bound(String field, int min, int max, String words) {}

    private static final Bound[] NUMBERS = {
        new Bound("windowStartHour", 0, 23, "an hour from 0 to 23"),
        new Bound("windowEndHour", 0, 24, "an hour from 0 to 24 (24 is midnight at the end of the day)"),
        new Bound("postsPerDay", 0, 100, "a whole number from 0 to 100 (0 plans nothing; post next by hand)"),
        new Bound("jitterMinutes", 0, 120, "a whole number of minutes from 0 to 120")
    };

    boolean valid() {
        return errors.isEmpty();
    }

    static SettingsForm of(AccountPlan plan) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("windowStartHour", String.valueOf(plan.windowStartHour()));
        values.put("windowEndHour", String.valueOf(plan.windowEndHour()));
        values.put("timezone", plan.timezone());
        values.put("postsPerDay", String.valueOf(plan.postsPerDay()));
        values.put("jitterMinutes", String.valueOf(plan.jitterMinutes()));
        return new SettingsForm(values, Map.of(), Map.of());
    }

    static SettingsForm read(Map<String, String> form) {
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, String> errors = new LinkedHashMap<>();
        Map<String, Object> patch = new LinkedHashMap<>();
        for (Bound bound : NUMBERS) {
            String value = form.getOrDefault(bound.field(), "").strip();
            values.put(bound.field(), value);
            if (!value.matches("[0-9]{1,3}")
                    || Integer.parseInt(value) < bound.min()
                    || Integer.parseInt(value) > bound.max()) {
                errors.put(bound.field(), "Enter " + bound.words() + ".");
            } else {
                patch.put(bound.field(), Integer.parseInt(value));
            }
        }
        String zone = form.getOrDefault("timezone", "").strip();
        values.put("timezone", zone);
        if (!ZONES.contains(zone)) {
            errors.put(
                    "timezone",
                    "Enter an IANA time zone such as Europe/Berlin, Asia/Tokyo or UTC (not an offset like +09:00).");
        } else {
            patch.put("timezone", zone);
        }
        return new SettingsForm(values, errors, patch);
    }

    /** The form again with the scheduler's refusal by field; one this form has not, above the form. */
    SettingsForm refusedWith(Map<String, String> fieldsFromScheduler, String detail) {
        Map<String, String> errors = new LinkedHashMap<>();
        fieldsFromScheduler.forEach((field, allowed) -> {
            String key = values.containsKey(field) || field.equals(WINDOW) ? field : GENERAL;
            errors.merge(key, "The scheduler did not accept this; allowed: " + allowed + ".", (a, b) -> a + " " + b);
        });
        if (errors.isEmpty()) {
            errors.put(GENERAL, "The scheduler did not accept these settings: " + detail);
        }
        return new SettingsForm(values, errors, patch);
    }
}
