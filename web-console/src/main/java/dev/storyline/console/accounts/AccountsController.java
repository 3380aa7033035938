package dev.storyline.console.accounts;

import dev.storyline.console.scheduler.SchedulerApi.Account;
import dev.storyline.console.scheduler.SchedulerApi.ResumeResult;
import dev.storyline.console.scheduler.SchedulerClient;
import dev.storyline.console.scheduler.SchedulerRefusedException;
import dev.storyline.console.scheduler.SchedulerUnreachableException;
import dev.storyline.console.web.AccountAccess;
import dev.storyline.console.web.Htmx;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The accounts and how each posts; admins also pause, resume (choosing what happens to the slots that
 * fell due meanwhile) and send the next post now. Who may press these is decided by the security chain
 * (admins only); the page also hides them from members.
 */
@Controller
class AccountsController {

    /** What resume does with overdue slots, as the scheduler names it, and how the page says it. */
    private static final Map<String, String> OVERDUE = Map.of(
            "drop", "dropped (marked missed)", "reschedule", "rescheduled a few minutes apart", "force", "posted now");

    private final SchedulerClient scheduler;
    private final AccountAccess access;

    AccountsController(SchedulerClient scheduler, AccountAccess access) {
        this.access = access;
        this.scheduler = scheduler;
    }

    @GetMapping("/accounts")
    String page(Model model) {
        model.addAttribute("page", "accounts");
        accounts(model);
        return "accounts";
    }

    @PostMapping("/accounts/{account}/pause")
    String pause(@PathVariable String account, HttpServletRequest request, Model model, RedirectAttributes redirect) {
        return act(
                () -> {
                    scheduler.pause(account);
                    return "Paused " + account + ": nothing is posted until it is resumed.";
                },
                request,
                model,
                redirect);
    }

    @PostMapping("/accounts/{account}/resume")
    String resume(
            @PathVariable String account,
            @RequestParam(required = false) String overdue,
            HttpServletRequest request,
            Model model,
            RedirectAttributes redirect) {
        if (overdue == null || !OVERDUE.containsKey(overdue)) {
            return answer(
                    "Choose what happens to overdue posts: drop, reschedule or force.",
                    false,
                    request,
                    model,
                    redirect);
        }
        return act(
                () -> {
                    ResumeResult result = scheduler.resume(account, overdue);
                    return "Resumed " + account + ": " + result.affected() + " overdue "
                            + (result.affected() == 1 ? "post " : "posts ") + OVERDUE.get(overdue) + ".";
                },
                request,
                model,
                redirect);
    }

    @PostMapping("/accounts/{account}/post-next")
    String postNext(
            @PathVariable String account, HttpServletRequest request, Model model, RedirectAttributes redirect) {
        return act(
                () -> "The next post of " + account + " goes out now ("
                        + scheduler.postNext(account).postId() + ").",
                request,
                model,
                redirect);
    }

    private String act(Supplier<String> action, HttpServletRequest request, Model model, RedirectAttributes redirect) {
        try {
            return answer(action.get(), true, request, model, redirect);
        } catch (SchedulerRefusedException | SchedulerUnreachableException e) {
            return answer("Not changed: " + e.getMessage(), false, request, model, redirect);
        }
    }

    /** htmx gets the refreshed list with the answer on top; a plain form post is redirected to the page. */
    private String answer(
            String message, boolean done, HttpServletRequest request, Model model, RedirectAttributes redirect) {
        if (!Htmx.isHtmx(request)) {
            redirect.addFlashAttribute(done ? "notice" : "problem", message);
            return "redirect:/accounts";
        }
        model.addAttribute("outcome", message);
        model.addAttribute("done", done);
        accounts(model);
        return "accounts :: list";
    }

    private void accounts(Model model) {
        List<Account> accounts = List.of();
        try {
            accounts = access.accounts();
        } catch (SchedulerUnreachableException e) {
            model.addAttribute("schedulerDown", e.getMessage());
        } catch (SchedulerRefusedException e) {
            model.addAttribute("problem", e.getMessage());
        }
        model.addAttribute("accounts", accounts);
    }
}
