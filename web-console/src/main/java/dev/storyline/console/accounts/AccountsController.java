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

    /** Accounts on one page: a thousand cards would be megabytes of page. */
    static final int PAGE_SIZE = 50;

    @GetMapping("/accounts")
    String page(@RequestParam(required = false) String page, Model model) {
        model.addAttribute("page", "accounts");
        accounts(model, pageNumber(page), null);
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
        accounts(model, 1, actedOn(request));
        return "accounts :: list";
    }

    /**
     * One page of the person's accounts; with {@code focus}, the page holding that account (after an action on
     * it, the list comes back where it was).
     */
    private void accounts(Model model, int number, String focus) {
        List<Account> accounts = List.of();
        try {
            accounts = access.accounts();
        } catch (SchedulerUnreachableException e) {
            model.addAttribute("schedulerDown", e.getMessage());
        } catch (SchedulerRefusedException e) {
            model.addAttribute("problem", e.getMessage());
        }
        int pages = Math.max(1, (accounts.size() + PAGE_SIZE - 1) / PAGE_SIZE);
        if (focus != null) {
            for (int i = 0; i < accounts.size(); i++) {
                if (accounts.get(i).id().equals(focus)) {
                    number = i / PAGE_SIZE + 1;
                }
            }
        }
        number = Math.min(number, pages);
        int from = (number - 1) * PAGE_SIZE;
        model.addAttribute("accounts", accounts.subList(from, Math.min(accounts.size(), from + PAGE_SIZE)));
        model.addAttribute("accountCount", accounts.size());
        model.addAttribute("firstShown", accounts.isEmpty() ? 0 : from + 1);
        model.addAttribute("lastShown", Math.min(accounts.size(), from + PAGE_SIZE));
        model.addAttribute("previousPage", number > 1 ? number - 1 : null);
        model.addAttribute("nextPage", number < pages ? number + 1 : null);
    }

    /** A page number as typed in the address; anything else is the first page. */
    private static int pageNumber(String page) {
        if (page == null || !page.strip().matches("[0-9]{1,6}")) {
            return 1;
        }
        return Math.max(1, Integer.parseInt(page.strip()));
    }

    /** The account in an action's path (/accounts/{account}/pause …). */
    private static String actedOn(HttpServletRequest request) {
        String[] parts = request.getRequestURI().split("/");
        return parts.length > 2 ? parts[2] : null;
    }
}
