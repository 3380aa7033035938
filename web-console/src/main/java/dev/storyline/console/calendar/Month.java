package dev.storyline.console.calendar;

import dev.storyline.console.scheduler.SchedulerApi;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One month of slot counts, Monday-first weeks in the account's zone: each day of the month with how many
 * slots it holds in each state. Days of the neighbouring months pad the grid and carry no counts (the
 * scheduler is asked for the month only).
 */
public record Month(YearMonth month, List<Day> days) {

    /** The earliest and latest month the page accepts: anything else is surely a typo. */
    static final YearMonth FIRST = YearMonth.of(2000, 1);

    static final YearMonth LAST = YearMonth.of(2100, 12);

    static final String MONTH_FORMAT = "a year and month like 2026-12";

    private static final DateTimeFormatter TITLE = DateTimeFormatter.ofPattern("MMMM yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM", Locale.ENGLISH);

    /** How many slots of one state a day holds. */
    public record Count(SlotStatus status, int count) {}

    /**
     * One cell of the grid; {@code inMonth} false for the padding days of the neighbouring months.
     */
    public record Day(LocalDate date, String label, boolean inMonth, boolean today, List<Count> counts) {

        public int total() {
            return counts.stream().mapToInt(Count::count).sum();
        }

        public int dayOfMonth() {
            return date.getDayOfMonth();
        }
    }

    /** The month a request names, or why it cannot be read (the message names the field). */
    record Parsed(YearMonth month, String problem) {}

    static Parsed parse(String month, YearMonth current) {
        if (month == null || month.isBlank()) {
            return new Parsed(current, null);
        }
        String shown = month.length() > 40 ? month.substring(0, 40) + "…" : month;
        try {
            YearMonth parsed = YearMonth.parse(month.strip());
            if (parsed.isBefore(FIRST) || parsed.isAfter(LAST)) {
                return new Parsed(
                        current,
                        "month “" + shown + "” must be between " + FIRST + " and " + LAST + "; showing this month.");
            }
            return new Parsed(parsed, null);
        } catch (DateTimeParseException e) {
            return new Parsed(current, "month “" + shown + "” is not " + MONTH_FORMAT + "; showing this month.");
        }
    }

    public String title() {
        return month.format(TITLE);
    }

    public YearMonth previous() {
        return month.minusMonths(1);
    }

    public YearMonth next() {
        return month.plusMonths(1);
    }

    public int slotCount() {
        return days.stream().mapToInt(Day::total).sum();
    }

    /** The grid's rows of seven days, for the wide layout. */
    public List<List<Day>> weeks() {
        List<List<Day>> weeks = new ArrayList<>();
        for (int i = 0; i < days.size(); i += 7) {
            weeks.add(days.subList(i, i + 7));
        }
        return weeks;
    }

    static Month of(YearMonth month, LocalDate today, List<SchedulerApi.DayCount> slotCounts) {
        Map<LocalDate, Map<SlotStatus, Integer>> counts = new java.util.HashMap<>();
        for (SchedulerApi.DayCount count : slotCounts) {
            if (count.date() == null) {
                continue;
            }
            counts.computeIfAbsent(count.date(), d -> new EnumMap<>(SlotStatus.class))
                    .merge(SlotStatus.of(count.status(), count.outcome()), (int) count.slots(), Integer::sum);
        }
        LocalDate first = Week.mondayOf(month.atDay(1));
        LocalDate last = Week.mondayOf(month.atEndOfMonth()).plusDays(6);
        List<Day> days = new ArrayList<>();
        for (LocalDate date = first; !date.isAfter(last); date = date.plusDays(1)) {
            boolean inMonth = YearMonth.from(date).equals(month);
            List<Count> dayCounts = inMonth
                    ? counts.getOrDefault(date, Map.of()).entrySet().stream()
                            .sorted(Map.Entry.comparingByKey())
                            .map(e -> new Count(e.getKey(), e.getValue()))
                            .toList()
                    : List.of();
            days.add(new Day(date, date.format(DAY), inMonth, date.equals(today), dayCounts));
        }
        return new Month(month, days);
    }
}
