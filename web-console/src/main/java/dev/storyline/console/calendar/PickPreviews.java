package dev.storyline.console.calendar;

import dev.storyline.console.scheduler.SchedulerApi.NextPick;
import dev.storyline.console.scheduler.SchedulerApi.Slot;
import dev.storyline.console.scheduler.SchedulerClient;
import dev.storyline.console.scheduler.SchedulerRefusedException;
import dev.storyline.console.scheduler.SchedulerUnreachableException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * The week view's preview of the next picks: asked of the scheduler only when the week shows a planned slot,
 * and never in the way of the calendar itself, which shows without it (with a short note) when the preview
 * cannot be had.
 */
@Component
class PickPreviews {

    /** The next picks previewed: a couple of days of slots for a busy account, one call. */
    static final int NEXT = 10;

    private static final Logger log = LoggerFactory.getLogger(PickPreviews.class);

    private final SchedulerClient scheduler;

    PickPreviews(SchedulerClient scheduler) {
        this.scheduler = scheduler;
    }

    Map<UUID, NextPick> of(String account, List<Slot> week, Model model) {
        if (week.stream().noneMatch(s -> SlotStatus.of(s) == SlotStatus.PLANNED)) {
            return Map.of();
        }
        try {
            return scheduler.nextPicks(account, NEXT).stream()
                    .filter(p -> p.slotId() != null)
                    .collect(Collectors.toMap(NextPick::slotId, Function.identity(), (a, b) -> a));
        } catch (SchedulerUnreachableException | SchedulerRefusedException e) {
            log.info("no preview of the next picks for '{}': {}", account, e.getMessage());
            model.addAttribute("previewMissing", "The preview of the next picks is not available right now.");
            return Map.of();
        }
    }
}
