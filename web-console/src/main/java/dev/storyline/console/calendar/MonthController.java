package dev.storyline.console.calendar;

import dev.storyline.console.scheduler.SchedulerApi;
import dev.storyline.console.scheduler.SchedulerApi.Account;
import dev.storyline.console.scheduler.SchedulerClient;
import dev.storyline.console.scheduler.SchedulerRefusedException;
import dev.storyline.console.scheduler.SchedulerUnreachableException;
import dev.storyline.console.web.AccountAccess;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The month view ({@code /calendar?view=month&month=2026-12}): per day, how many slots are in each state.
 * One slots call per account for the month's own dates, so a month costs at most one call per account
 * however it is browsed. {@code account=all} adds up every account, each counted in its own zone.
 */
@Controller
class MonthController {

    static final String ALL = "all";

    /** Account ids in one slot-counts call: a few kilobytes of address at most. */
    static final int ACCOUNTS_PER_CALL = 200;

    private final SchedulerClient scheduler;
    private final AccountAccess access;
    private final Clock clock;

    MonthController(SchedulerClient scheduler, Clock clock, AccountAccess access) {
        this.access = access;
        this.scheduler = scheduler;
        this.clock = clock;
    }

    @GetMapping(value = "/calendar", params = "view=month")
    String month(
            @RequestParam(required = false) String account, @RequestParam(required = false) String month, Model model) {
        model.addAttribute("page", "calendar");
        List<Account> accounts;
        try {
            accounts = access.accounts();
        } catch (SchedulerUnreachableException e) {
            model.addAttribute("schedulerDown", e.getMessage());
            return "calendar-month";
        } catch (SchedulerRefusedException e) {
            model.addAttribute("problem", e.getMessage());
            return "calendar-month";
        }
        model.addAttribute("accounts", accounts);
        if (accounts.isEmpty()) {
            model.addAttribute("notice", access.none());
            return "calendar-month";
        }
        boolean all = ALL.equals(account);
        Account chosen = accounts.stream()
                .filter(a -> a.id().equals(account))
                .findFirst()
                .orElse(accounts.getFirst());
        List<String> notices = new ArrayList<>();
        if (!all && account != null && !account.isBlank() && !chosen.id().equals(account)) {
            notices.add("There is no account “" + account + "”; showing " + chosen.name() + ".");
        }
        LocalDate today = LocalDate.now(clock.withZone(chosen.zone()));
        Month.Parsed parsed = Month.parse(month, YearMonth.from(today));
        if (parsed.problem() != null) {
            notices.add(parsed.problem());
        }
        if (!notices.isEmpty()) {
            model.addAttribute("notice", String.join(" ", notices));
        }
        YearMonth shown = parsed.month();
        model.addAttribute("all", all);
        model.addAttribute("account", chosen);
        model.addAttribute("accountParam", all ? ALL : chosen.id());
        model.addAttribute("thisMonth", YearMonth.from(today));
        try {
            List<SchedulerApi.DayCount> counts = new ArrayList<>();
            if (all && access.seesEveryAccount()) {
                counts.addAll(scheduler.slotCounts(List.of(), shown.atDay(1), shown.atEndOfMonth()));
            } else {
                // the person's own accounts, a bounded number a call so the address stays short
                List<String> ids = (all ? accounts : List.of(chosen))
                        .stream().map(Account::id).toList();
                for (int i = 0; i < ids.size(); i += ACCOUNTS_PER_CALL) {
                    counts.addAll(scheduler.slotCounts(
                            ids.subList(i, Math.min(ids.size(), i + ACCOUNTS_PER_CALL)),
                            shown.atDay(1),
                            shown.atEndOfMonth()));
                }
            }
            model.addAttribute("month", Month.of(shown, today, counts));
        } catch (SchedulerUnreachableException e) {
            model.addAttribute("schedulerDown", e.getMessage());
        } catch (SchedulerRefusedException e) {
            model.addAttribute("problem", e.getMessage());
        }
        return "calendar-month";
    }
}
