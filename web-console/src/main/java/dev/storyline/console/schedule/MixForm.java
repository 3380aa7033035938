package dev.storyline.console.schedule;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The category-mix editor as posted: one {@code mix.<category>} field per row, each a whole percentage
 * from 0 to 100 (empty is 0, and 0 leaves the category out), the known categories only, summing to 100.
 * Every problem is kept by the field it is about ({@code mix.<category>}, or {@code mix} for the sum) so
 * the page shows it next to that input.
 */
record MixForm(List<Row> rows, Map<String, String> errors, Map<String, Integer> ratios) {

    static final String PREFIX = "mix.";
    static final String SUM = "mix";

    /** One row of the editor: the category, what is in its input, and the problem with it if any. */
    record Row(String category, String value) {

        public String field() {
            return PREFIX + category;
        }

        /** An element id from any category name (they may hold spaces or other characters). */
        public String id() {
            return "mix-" + category.replaceAll("[^A-Za-z0-9_-]", "-");
        }
    }

    boolean valid() {
        return errors.isEmpty();
    }

    /** The editor filled with the current mix (a category without a share shows 0). */
    static MixForm current(List<String> known, Map<String, String> current) {
        Set<String> categories = new LinkedHashSet<>(known);
        categories.addAll(current.keySet());
        List<Row> rows = new ArrayList<>();
        for (String category : categories) {
            rows.add(new Row(category, current.getOrDefault(category, "0")));
        }
        return new MixForm(rows, Map.of(), Map.of());
    }

    static MixForm read(Map<String, String> form, List<String> known) {
        Map<String, String> posted = new TreeMap<>();
        form.forEach((name, value) -> {
            if (name.startsWith(PREFIX) && name.length() > PREFIX.length()) {
                posted.put(name.substring(PREFIX.length()), value == null ? "" : value.strip());
            }
        });
        Set<String> categories = new LinkedHashSet<>(known);
        categories.addAll(posted.keySet());
        List<Row> rows = new ArrayList<>();
        Map<String, String> errors = new LinkedHashMap<>();
        Map<String, Integer> ratios = new TreeMap<>();
        int sum = 0;
        boolean allNumbers = true;
        for (String category : categories) {
            String value = posted.getOrDefault(category, "");
            Row row = new Row(category, value);
            rows.add(row);
            if (!known.contains(category)) {
                errors.put(
                        row.field(),
                        "“" + category + "” is not a category of this account's library (it has: "
                                + (known.isEmpty() ? "none yet" : String.join(", ", known)) + ").");
                continue;
            }
            Integer percent = percent(value);
            if (percent == null) {
                errors.put(row.field(), "Enter a whole number from 0 to 100 (0 leaves the category out).");
                allNumbers = false;
                continue;
            }
            sum += percent;
            if (percent > 0) {
                ratios.put(category, percent);
            }
        }
        if (allNumbers && sum != 100) {
            errors.put(SUM, "The percentages add up to " + sum + "; they must add up to exactly 100.");
        }
        return new MixForm(rows, errors, ratios);
    }

    /** The form again, with the scheduler's refusal put next to the fields it names. */
    MixForm refusedWith(Map<String, String> fieldsFromScheduler, String detail) {
        Map<String, String> errors = new LinkedHashMap<>();
        fieldsFromScheduler.forEach((field, allowed) -> {
            String key = field.startsWith("ratios.") ? PREFIX + field.substring("ratios.".length()) : SUM;
            errors.merge(key, "The scheduler did not accept this; allowed: " + allowed + ".", (a, b) -> a + " " + b);
        });
        if (errors.isEmpty()) {
            errors.put(SUM, "The scheduler did not accept this mix: " + detail);
        }
        return new MixForm(rows, errors, ratios);
    }

    private static Integer percent(String value) {
        if (value.isEmpty()) {
            return 0;
        }
        if (!value.matches("[0-9]{1,3}")) {
            return null;
        }
        int percent = Integer.parseInt(value);
        return percent <= 100 ? percent : null;
    }
}
