package dev.storyline.scheduler.schedule;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.storyline.scheduler.accounts.Account;
import dev.storyline.scheduler.accounts.Accounts;
import io.swagger.v3.oas.annotations.Operation;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** One slot's whole story: the slot as the calendar lists it, and every state change it went through. */
@RestController
@RequestMapping("/api/accounts/{account}")
class SlotStoryController {

    /** The slot's fields as in the slots list, with its {@code events}, oldest first. */
    record SlotStory(@JsonUnwrapped SlotCalendar.Slot slot, List<SlotEvents.Event> events) {}

    private final Accounts accounts;
    private final SlotCalendar calendar;
    private final SlotEvents events;

    SlotStoryController(Accounts accounts, SlotCalendar calendar, SlotEvents events) {
        this.accounts = accounts;
        this.calendar = calendar;
        this.events = events;
    }

    @Operation(
            summary = "One slot and its timeline",
            description = "The slot as GET /slots lists it (state, local time, medium, route and reason, fallback"
                    + " reason, outcome, who decided, Story id) with its events in order: planned, dispatched (route and"
                    + " reason), fell back to a person (reason), handed back, stuck, published (Story id), posted by"
                    + " hand / skipped / rejected (by whom, via which face), failed / missed / empty (why). Each event"
                    + " has at, type, detail, by (null: the scheduler itself) and via. 404 for a slot the account does"
                    + " not have; slots older than the retention period are gone with their events.")
    @GetMapping("/slots/{slot}")
    SlotStory slot(@PathVariable String account, @PathVariable UUID slot) {
        Account a = accounts.require(account);
        SlotCalendar.Slot found = calendar.one(a, slot)
                .orElseThrow(() -> new NoSuchElementException("no slot " + slot + " in account '" + a.id() + "'"));
        return new SlotStory(found, events.of(slot));
    }
}
