package dev.storyline.console.calendar;

import dev.storyline.console.scheduler.SchedulerApi.Account;
import dev.storyline.console.scheduler.SchedulerClient;
import dev.storyline.console.scheduler.SchedulerRefusedException;
import dev.storyline.console.scheduler.SchedulerUnreachableException;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * One slot's whole story, opened from the calendar: its state, medium, route, who acted, and the timeline the
 * scheduler recorded. A bad or unknown slot id, or one of another account, is a plain notice on the page. The
 * model says "brand" and "story": "account" and "slot" are the path's own variables, which the view sees too.
 */
@Controller
class SlotController {

    private static final Pattern SLOT_ID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final SchedulerClient scheduler;

    SlotController(SchedulerClient scheduler) {
        this.scheduler = scheduler;
    }

    @GetMapping("/accounts/{account}/slots/{slot}")
    String slot(@PathVariable String account, @PathVariable String slot, Model model, HttpServletResponse response) {
        model.addAttribute("page", "calendar");
        if (!SLOT_ID.matcher(slot).matches()) {
            response.setStatus(400);
            model.addAttribute(
                    "notice",
                    "“" + shorten(slot) + "” is not a slot id (a UUID such as 3f2b8c1e-0000-4000-8000-000000000000).");
            return "slot";
        }
        try {
            Optional<Account> found = scheduler.accounts().stream()
                    .filter(a -> a.id().equals(account))
                    .findFirst();
            if (found.isEmpty()) {
                response.setStatus(404);
                model.addAttribute("notice", "There is no account “" + shorten(account) + "”.");
                return "slot";
            }
            model.addAttribute("brand", found.get());
            model.addAttribute(
                    "story",
                    SlotPage.of(
                            scheduler.slot(account, UUID.fromString(slot)),
                            found.get().zone()));
        } catch (SchedulerUnreachableException e) {
            model.addAttribute("schedulerDown", e.getMessage());
        } catch (SchedulerRefusedException e) {
            if (e.status() == 404) {
                response.setStatus(404);
                model.addAttribute(
                        "notice",
                        "There is no slot " + slot + " in this account: it may belong to another account, or be older"
                                + " than the retention period.");
            } else {
                model.addAttribute("problem", e.getMessage());
            }
        }
        return "slot";
    }

    private static String shorten(String value) {
        return value.length() > 60 ? value.substring(0, 60) + "…" : value;
    }
}
