package dev.storyline.console.calendar;

import dev.storyline.console.scheduler.SchedulerApi.Account;
import dev.storyline.console.scheduler.SchedulerApi.Slot;
import dev.storyline.console.scheduler.SchedulerClient;
import dev.storyline.console.scheduler.SchedulerRefusedException;
import dev.storyline.console.scheduler.SchedulerUnreachableException;
import dev.storyline.console.web.AccountAccess;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The week view of one account: every slot at its local time in the account's zone, Monday to Sunday,
 * with previous / next week. The week is in the URL ({@code ?account=&week=}), so a view can be shared
 * and reloaded; a scheduler that is down leaves the page with a banner instead of an error.
 */
@Controller
class CalendarController {

    private final SchedulerClient scheduler;
    private final AccountAccess access;
    private final Clock clock;
    private final PickPreviews previews;

    CalendarController(SchedulerClient scheduler, Clock clock, PickPreviews previews, AccountAccess access) {
        this.access = access;
        this.scheduler = scheduler;
        this.clock = clock;
        this.previews = previews;
    }

    @GetMapping("/calendar")
    String calendar(
            @RequestParam(required = false) String account, @RequestParam(required = false) String week, Model model) {
        model.addAttribute("page", "calendar");
        List<Account> accounts;
        try {
            accounts = access.accounts();
        } catch (SchedulerUnreachableException e) {
            model.addAttribute("schedulerDown", e.getMessage());
            return "calendar";
        }
        model.addAttribute("accounts", accounts);
        if (accounts.isEmpty()) {
            model.addAttribute("notice", access.none());
            return "calendar";
        }
        Account chosen = accounts.stream()
                .filter(a -> a.id().equals(account))
                .findFirst()
                .orElse(accounts.getFirst());
        if (account != null && !account.isBlank() && !chosen.id().equals(account)) {
            model.addAttribute("notice", "There is no account “" + account + "”; showing " + chosen.name() + ".");
        }
        LocalDate today = LocalDate.now(clock.withZone(chosen.zone()));
        LocalDate monday = Week.mondayOf(today);
        if (week != null && !week.isBlank()) {
            try {
                monday = Week.mondayOf(LocalDate.parse(week.strip()));
            } catch (DateTimeParseException e) {
                model.addAttribute("notice", "“" + week + "” is not a date like 2026-06-01; showing this week.");
            }
        }
        model.addAttribute("account", chosen);
        model.addAttribute("previousWeek", monday.minusWeeks(1));
        model.addAttribute("nextWeek", monday.plusWeeks(1));
        model.addAttribute("thisWeek", Week.mondayOf(today));
        try {
            List<Slot> slots = scheduler.slots(chosen.id(), monday, monday.plusDays(6));
            model.addAttribute("week", Week.of(monday, today, slots, previews.of(chosen.id(), slots, model)));
        } catch (SchedulerUnreachableException e) {
            model.addAttribute("schedulerDown", e.getMessage());
        } catch (SchedulerRefusedException e) {
            model.addAttribute("problem", e.getMessage());
        }
        return "calendar";
    }
}
