package dev.storyline.console.schedule;

import dev.storyline.console.scheduler.SchedulerClient;
import dev.storyline.console.scheduler.SchedulerOps.AccountPlan;
import dev.storyline.console.scheduler.SchedulerOps.MixChange;
import dev.storyline.console.scheduler.SchedulerOps.MixRatio;
import dev.storyline.console.scheduler.SchedulerOps.NewMix;
import dev.storyline.console.scheduler.SchedulerRefusedException;
import dev.storyline.console.scheduler.SchedulerUnreachableException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Mix and schedule of one account: everyone signed in reads it, admins change it (the security chain
 * refuses members' posts; the page hides the forms from them). A form with a mistake comes back with each
 * problem next to its field, whether the console or the scheduler found it; nothing is sent while the
 * console sees a mistake.
 */
@Controller
class MixScheduleController {

    /** What resume does with overdue slots, as the scheduler names it, and how the page says it. */
    private static final Map<String, String> OVERDUE = Map.of(
            "drop", "dropped (marked missed)", "reschedule", "rescheduled a few minutes apart", "force", "posted now");

    /** One mix as it was from a moment on: who set it and the shares. */
    record MixVersion(String from, String to, String by, String shares) {}

    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final SchedulerClient scheduler;

    MixScheduleController(SchedulerClient scheduler) {
        this.scheduler = scheduler;
    }

    @GetMapping("/accounts/{account}/schedule")
    String page(@PathVariable String account, Model model) {
        AccountPlan plan = load(account, model);
        if (plan != null) {
            Map<String, String> current = new LinkedHashMap<>();
            for (MixRatio ratio : read(model, () -> scheduler.mix(account))) {
                current.put(
                        ratio.category(),
                        ratio.ratioPercent().stripTrailingZeros().toPlainString());
            }
            model.addAttribute("mix", MixForm.current(read(model, () -> scheduler.categories(account)), current));
            model.addAttribute("settings", SettingsForm.of(plan));
        }
        return "schedule";
    }

    @PostMapping("/accounts/{account}/schedule/mix")
    String saveMix(
            @PathVariable String account,
            @RequestParam Map<String, String> form,
            Authentication who,
            Model model,
            RedirectAttributes redirect) {
        AccountPlan plan = load(account, model);
        if (plan == null) {
            return "schedule";
        }
        List<String> known = read(model, () -> scheduler.categories(account));
        MixForm mix = MixForm.read(form, known);
        if (mix.valid()) {
            try {
                scheduler.replaceMix(account, new NewMix(mix.ratios(), who.getName()));
                redirect.addFlashAttribute("notice", "Mix saved: " + shares(mix.ratios()) + ".");
                return "redirect:/accounts/{account}/schedule";
            } catch (SchedulerRefusedException e) {
                mix = mix.refusedWith(e.fields(), e.getMessage());
            } catch (SchedulerUnreachableException e) {
                model.addAttribute("schedulerDown", e.getMessage());
            }
        }
        model.addAttribute("mix", mix);
        model.addAttribute("settings", SettingsForm.of(plan));
        return "schedule";
    }

    @PostMapping("/accounts/{account}/schedule/settings")
    String saveSettings(
            @PathVariable String account,
            @RequestParam Map<String, String> form,
            Model model,
            RedirectAttributes redirect) {
        AccountPlan plan = load(account, model);
        if (plan == null) {
            return "schedule";
        }
        SettingsForm settings = SettingsForm.read(form);
        if (settings.valid()) {
            try {
                AccountPlan saved = scheduler.changeAccount(account, settings.patch());
                redirect.addFlashAttribute(
                        "notice",
                        "Settings saved: " + saved.postsPerDay() + " posts a day from " + saved.windowStartHour()
                                + " h to " + saved.windowEndHour() + " h " + saved.timezone() + ", jitter "
                                + saved.jitterMinutes() + " min. The days not yet posted are planned again.");
                return "redirect:/accounts/{account}/schedule";
            } catch (SchedulerRefusedException e) {
                settings = settings.refusedWith(e.fields(), e.getMessage());
            } catch (SchedulerUnreachableException e) {
                model.addAttribute("schedulerDown", e.getMessage());
            }
        }
        page(account, model);
        model.addAttribute("settings", settings);
        return "schedule";
    }

    @PostMapping("/accounts/{account}/schedule/pause")
    String pause(@PathVariable String account, RedirectAttributes redirect) {
        return act(
                () -> {
                    scheduler.pause(account);
                    return "Paused: nothing is posted until the account is resumed.";
                },
                redirect);
    }

    @PostMapping("/accounts/{account}/schedule/resume")
    String resume(
            @PathVariable String account, @RequestParam(required = false) String overdue, RedirectAttributes redirect) {
        if (overdue == null || !OVERDUE.containsKey(overdue)) {
            redirect.addFlashAttribute(
                    "overdueError", "Choose what happens to the overdue posts: drop, reschedule or post them now.");
            return "redirect:/accounts/{account}/schedule";
        }
        return act(
                () -> {
                    int affected = scheduler.resume(account, overdue).affected();
                    return "Resumed: " + affected + " overdue " + (affected == 1 ? "post " : "posts ")
                            + OVERDUE.get(overdue) + ".";
                },
                redirect);
    }

    @PostMapping("/accounts/{account}/schedule/post-next")
    String postNext(@PathVariable String account, RedirectAttributes redirect) {
        return act(
                () -> "The next post goes out now (post "
                        + scheduler.postNext(account).postId() + ").",
                redirect);
    }

    private String act(Supplier<String> action, RedirectAttributes redirect) {
        try {
            redirect.addFlashAttribute("notice", action.get());
        } catch (SchedulerRefusedException | SchedulerUnreachableException e) {
            redirect.addFlashAttribute("problem", "Not changed: " + e.getMessage());
        }
        return "redirect:/accounts/{account}/schedule";
    }

    /** The account and its mix history on the model; null (and the reason on the page) when it cannot be read. */
    private AccountPlan load(String account, Model model) {
        model.addAttribute("page", "accounts");
        model.addAttribute("accountId", account);
        try {
            AccountPlan plan = scheduler.account(account);
            model.addAttribute("plan", plan);
            model.addAttribute("history", history(read(model, () -> scheduler.mixHistory(account))));
            return plan;
        } catch (SchedulerUnreachableException e) {
            model.addAttribute("schedulerDown", e.getMessage());
        } catch (SchedulerRefusedException e) {
            model.addAttribute("problem", e.getMessage());
        }
        return null;
    }

    /** The history's rows grouped into mixes, newest first (the API sends it newest first). */
    static List<MixVersion> history(List<MixChange> rows) {
        Map<Instant, List<MixChange>> byStart = new LinkedHashMap<>();
        for (MixChange row : rows) {
            byStart.computeIfAbsent(row.effectiveFrom(), from -> new ArrayList<>())
                    .add(row);
        }
        List<MixVersion> versions = new ArrayList<>();
        byStart.forEach((from, changes) -> versions.add(new MixVersion(
                from == null ? "–" : WHEN.format(from),
                changes.getFirst().effectiveTo() == null
                        ? "now"
                        : WHEN.format(changes.getFirst().effectiveTo()),
                changes.getFirst().changedBy(),
                changes.stream()
                        .map(c -> c.category() + " "
                                + c.ratioPercent().stripTrailingZeros().toPlainString() + " %")
                        .collect(Collectors.joining(", ")))));
        return versions;
    }

    private static String shares(Map<String, Integer> ratios) {
        return ratios.entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue() + " %")
                .collect(Collectors.joining(", "));
    }

    private static <T> List<T> read(Model model, Supplier<List<T>> call) {
        try {
            return call.get();
        } catch (SchedulerUnreachableException e) {
            model.addAttribute("schedulerDown", e.getMessage());
        } catch (SchedulerRefusedException e) {
            model.addAttribute("problem", e.getMessage());
        }
        return List.of();
    }
}
