package dev.storyline.scheduler.schedule;

import dev.storyline.scheduler.Paging;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The admin API's reads over many accounts in one call ({@code account}, repeated or comma-separated, narrows them; none means
 * every account): what a console over hundreds of accounts lists on one page.
 */
@RestController
@RequestMapping("/api")
class AcrossAccountsController {

    private final AcrossAccounts across;

    AcrossAccountsController(AcrossAccounts across) {
        this.across = across;
    }

    /** Every post waiting for a person (status MANUAL_PENDING), the oldest slot first. */
    @GetMapping("/waiting")
    List<AcrossAccounts.Waiting> waiting(
            @RequestParam(required = false) List<String> account,
            @RequestParam(defaultValue = "100") @Paging.Limit int limit,
            @RequestParam(defaultValue = "0") @Paging.Offset int offset) {
        return across.waiting(account, limit, offset);
    }

    /**
     * Slot counts per local date (each slot in its account's zone), status and recorded outcome, from
     * {@code from} to {@code to} (ISO dates, both included, at most 62 days): a month view of many accounts.
     */
    @GetMapping("/slot-counts")
    List<AcrossAccounts.DayCount> slotCounts(
            @RequestParam(required = false) List<String> account,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to) {
        return across.dayCounts(account, SlotCalendar.Range.parse(from, to));
    }
}
