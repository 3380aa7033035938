package dev.storyline.scheduler.schedule;

import dev.storyline.platform.admin.AdminApiErrors.BadInput;
import dev.storyline.scheduler.Paging;
import dev.storyline.scheduler.accounts.Account;
import dev.storyline.scheduler.accounts.AccountService;
import dev.storyline.scheduler.accounts.Accounts;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Planning and posting in the admin API: the mix, the plan, the upcoming posts, pause and resume. */
@RestController
@RequestMapping("/api/accounts/{account}")
class ScheduleController {

    private final Accounts accounts;
    private final AccountService accountService;
    private final UpcomingPosts upcoming;
    private final CategoryMix mix;
    private final SlotPlanner planner;
    private final PauseControl pauses;
    private final StuckPosts stuck;
    private final SlotCalendar calendar;

    ScheduleController(
            Accounts accounts,
            AccountService accountService,
            UpcomingPosts upcoming,
            CategoryMix mix,
            SlotPlanner planner,
            PauseControl pauses,
            StuckPosts stuck,
            SlotCalendar calendar) {
        this.accounts = accounts;
        this.accountService = accountService;
        this.upcoming = upcoming;
        this.mix = mix;
        this.planner = planner;
        this.pauses = pauses;
        this.stuck = stuck;
        this.calendar = calendar;
    }

    /** Body: {"ratios": {"memes": 60, "merch": 40}, "changedBy": "ann"}. */
    record MixChange(
            @NotEmpty(message = "at least one category with its percentage, e.g. {\"memes\": 60, \"merch\": 40}")
            Map<String, BigDecimal> ratios,

            @NotBlank(message = "who changes the mix, 1 to 100 characters")
            @Size(max = 100, message = "who changes the mix, 1 to 100 characters")
            String changedBy) {}

    @GetMapping("/category-mix")
    List<CategoryMix.Ratio> currentMix(@PathVariable String account) {
        return mix.current(accounts.require(account).id());
    }

    @PutMapping("/category-mix")
    List<CategoryMix.Ratio> replaceMix(@PathVariable String account, @Valid @RequestBody MixChange change) {
        return mix.replace(accounts.require(account).id(), change.ratios(), change.changedBy());
    }

    @GetMapping("/category-mix/history")
    List<CategoryMix.Change> mixHistory(@PathVariable String account) {
        return mix.history(accounts.require(account).id());
    }

    @PostMapping("/schedule")
    Map<String, Object> plan(
            @PathVariable String account,
            @RequestParam(defaultValue = "7")
                    @Min(value = 1, message = "a whole number of days from 1 to 90")
                    @Max(value = 90, message = "a whole number of days from 1 to 90")
                    int days) {
        Account a = accounts.require(account);
        return Map.of(
                "slotsCreated",
                planner.planAhead(a, days),
                "warnings",
                accountService.view(a).warnings());
    }

    /** Planned and in-flight posts, and the last day's slots that went out empty or were missed. */
    @GetMapping("/queue")
    List<UpcomingPosts.Entry> queue(
            @PathVariable String account,
            @RequestParam(defaultValue = "50") @Paging.Limit int limit,
            @RequestParam(defaultValue = "0") @Paging.Offset int offset) {
        return upcoming.upcoming(accounts.require(account).id(), limit, offset);
    }

    /**
     * Every slot whose local date (in the account's zone) is from {@code from} to {@code to}, both included,
     * whatever its status, with the outcome of finished posts: what a calendar shows. At most 62 days.
     */
    @GetMapping("/slots")
    List<SlotCalendar.Slot> slots(
            @PathVariable String account,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to) {
        Account a = accounts.require(account);
        return calendar.between(a, SlotCalendar.Range.parse(from, to));
    }

    @PostMapping("/post-next")
    Map<String, Object> postNext(@PathVariable String account) {
        return Map.of("postId", upcoming.postNextNow(accounts.require(account).id()));
    }

    @PostMapping("/pause")
    AccountService.View pause(@PathVariable String account) {
        pauses.pause(accounts.require(account).id());
        return accountService.view(accounts.require(account));
    }

    @PostMapping("/resume")
    PauseControl.ResumeResult resume(
            @PathVariable String account, @RequestParam(defaultValue = "drop") String overdue) {
        return pauses.resume(accounts.require(account).id(), overdue(overdue));
    }

    @GetMapping("/stuck")
    List<StuckPosts.Stuck> stuck(
            @PathVariable String account,
            @RequestParam(defaultValue = "50") @Paging.Limit int limit,
            @RequestParam(defaultValue = "0") @Paging.Offset int offset) {
        List<StuckPosts.Stuck> all = stuck.find(accounts.require(account).id());
        return all.subList(Math.min(offset, all.size()), Math.min(offset + limit, all.size()));
    }

    private static PauseControl.Overdue overdue(String value) {
        try {
            return PauseControl.Overdue.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadInput(
                    "overdue",
                    value,
                    Arrays.stream(PauseControl.Overdue.values())
                                    .map(o -> o.name().toLowerCase(Locale.ROOT))
                                    .collect(Collectors.joining(", "))
                            + " (any case)");
        }
    }
}
