package dev.storyline.console.calendar;

import dev.storyline.console.manual.WaitingPost;
import dev.storyline.console.scheduler.SchedulerApi.NextPick;
import dev.storyline.console.scheduler.SchedulerApi.Slot;
import dev.storyline.console.web.Media;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/** One week of an account's calendar, Monday to Sunday in the account's zone, as the page lays it out. */
public record Week(LocalDate monday, List<Day> days) {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM", Locale.ENGLISH);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");
    private static final DateTimeFormatter RANGE = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);

    /** One day column. */
    public record Day(LocalDate date, String label, boolean today, List<Entry> entries) {}

    /** One slot: local time, state, and the medium once the scheduler chose one; its id opens its page. */
    public record Entry(
            UUID id, String time, SlotStatus status, String medium, String category, String detail, Preview preview) {}

    /**
     * What the scheduler would likely pick for a planned slot if it were dispatched now: a preview that may
     * change; {@code mediaId} null when nothing is eligible.
     */
    public record Preview(UUID mediaId, String name, String category, String route) {}

    public static LocalDate mondayOf(LocalDate date) {
        return date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    public LocalDate sunday() {
        return monday.plusDays(6);
    }

    /** The month the week starts in: where the month view opens from here. */
    public java.time.YearMonth month() {
        return java.time.YearMonth.from(monday);
    }

    public String title() {
        return monday.format(RANGE) + " – " + sunday().format(RANGE);
    }

    public int slotCount() {
        return days.stream().mapToInt(d -> d.entries().size()).sum();
    }

    static Week of(LocalDate monday, LocalDate today, List<Slot> slots) {
        return of(monday, today, slots, Map.of());
    }

    static Week of(LocalDate monday, LocalDate today, List<Slot> slots, Map<UUID, NextPick> picks) {
        List<Day> days = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            LocalDate date = monday.plusDays(i);
            List<Entry> entries = slots.stream()
                    .filter(s ->
                            s.localTime() != null && s.localTime().toLocalDate().equals(date))
                    .map(s -> entry(s, picks.get(s.id())))
                    .toList();
            days.add(new Day(date, date.format(DAY), date.equals(today), entries));
        }
        return new Week(monday, days);
    }

    private static Entry entry(Slot slot, NextPick pick) {
        SlotStatus status = SlotStatus.of(slot);
        String detail = null;
        if (slot.outcomeBy() != null && status != SlotStatus.PUBLISHED) {
            detail = "by " + slot.outcomeBy();
        } else if (status == SlotStatus.MISSED || status == SlotStatus.FAILED) {
            detail = slot.note();
        } else if (status == SlotStatus.WAITING) {
            detail = WaitingPost.why(slot.routeReason(), slot.note());
        }
        if ("rollout_limit".equals(slot.routeReason()) && status != SlotStatus.WAITING) {
            detail = (detail == null ? "" : detail + " · ") + "to Telegram: daily API limit (roll-out)";
        }
        Preview preview = status == SlotStatus.PLANNED && pick != null ? preview(pick) : null;
        return new Entry(
                slot.id(),
                slot.localTime().format(TIME),
                status,
                Media.name(slot.mediaPath()),
                slot.category(),
                detail,
                preview);
    }

    private static Preview preview(NextPick pick) {
        if (pick.mediaId() == null) {
            return new Preview(null, pick.note() == null ? "nothing eligible" : pick.note(), null, null);
        }
        String route = "MANUAL".equals(pick.route()) ? "by hand (Telegram)" : "automatic (Instagram API)";
        return new Preview(pick.mediaId(), Media.name(pick.mediaPath()), pick.mediaCategory(), route);
    }
}
