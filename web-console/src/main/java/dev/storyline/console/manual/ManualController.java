package dev.storyline.console.manual;

import dev.storyline.console.scheduler.SchedulerApi;
import dev.storyline.console.scheduler.SchedulerApi.Account;
import dev.storyline.console.scheduler.SchedulerApi.Resolution;
import dev.storyline.console.scheduler.SchedulerClient;
import dev.storyline.console.scheduler.SchedulerRefusedException;
import dev.storyline.console.scheduler.SchedulerUnreachableException;
import dev.storyline.console.web.AccountAccess;
import dev.storyline.console.web.CurrentUser;
import dev.storyline.console.web.Htmx;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Posts waiting for a person (MANUAL_PENDING) across all accounts, and the three decisions a Telegram
 * tap offers: posted, skipped, rejected. The decision is recorded by the scheduler with the signed-in
 * person's email as "by"; the first decision wins there, and a later one shows the scheduler's answer.
 */
@Controller
class ManualController {

    /** What the buttons send, and how the result is worded. */
    private static final Map<String, String> ACTIONS =
            Map.of("posted", "marked as posted", "skipped", "skipped", "rejected", "rejected");

    private final SchedulerClient scheduler;
    private final AccountAccess access;

    ManualController(SchedulerClient scheduler, AccountAccess access) {
        this.access = access;
        this.scheduler = scheduler;
    }

    @GetMapping("/manual")
    String page(Model model) {
        model.addAttribute("page", "manual");
        waiting(model);
        return "manual";
    }

    /**
     * The list alone, polled by the page every 5 s while its tab is shown (a hidden tab asks nothing; it asks
     * at once when shown again) and after each decision, so a post decided on Telegram leaves it.
     */
    @GetMapping("/fragments/manual")
    String list(Model model) {
        waiting(model);
        return "manual :: list";
    }

    @PostMapping("/manual/{account}/{post}/resolve")
    String resolve(
            @PathVariable String account,
            @PathVariable UUID post,
            @RequestParam(required = false) String action,
            Authentication authentication,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model,
            RedirectAttributes redirect) {
        String by = CurrentUser.of(authentication).email();
        String outcome;
        boolean done = false;
        if (action == null || !ACTIONS.containsKey(action)) {
            outcome = "Choose Posted, Skip or Reject.";
        } else {
            try {
                Resolution resolution = scheduler.resolve(account, post, action, by);
                outcome = "Done: " + resolution.accountId() + " post " + ACTIONS.get(action) + " by " + resolution.by()
                        + ".";
                done = true;
            } catch (SchedulerRefusedException e) {
                outcome = (e.conflict() ? "Not changed, someone decided first: " : "Not changed: ") + e.getMessage();
            } catch (SchedulerUnreachableException e) {
                outcome = "Not changed: " + e.getMessage();
            }
        }
        if (!Htmx.isHtmx(request)) {
            redirect.addFlashAttribute(done ? "notice" : "problem", outcome);
            return "redirect:/manual";
        }
        // the list refreshes itself right away (the post left it, or someone else's decision shows)
        response.setHeader("HX-Trigger", "manual-changed");
        model.addAttribute("outcome", outcome);
        model.addAttribute("done", done);
        return "manual :: outcome";
    }

    private void waiting(Model model) {
        List<WaitingPost> waiting = new ArrayList<>();
        try {
            // one call for every account, whatever their number; the person's own accounts are kept
            Map<String, Account> mine = new HashMap<>();
            access.accounts().forEach(a -> mine.put(a.id(), a));
            for (SchedulerApi.WaitingPost post : scheduler.waiting()) {
                Account account = mine.get(post.accountId());
                if (account != null) {
                    waiting.add(WaitingPost.of(account, post.post()));
                }
            }
        } catch (SchedulerUnreachableException e) {
            model.addAttribute("schedulerDown", e.getMessage());
        } catch (SchedulerRefusedException e) {
            model.addAttribute("problem", e.getMessage());
        }
        model.addAttribute("waiting", waiting);
    }
}
