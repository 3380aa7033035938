package dev.storyline.console.operations;

import dev.storyline.console.scheduler.SchedulerClient;
import dev.storyline.console.scheduler.SchedulerOps.QueueDepth;
import dev.storyline.console.scheduler.SchedulerOps.ReplayReport;
import dev.storyline.console.scheduler.SchedulerRefusedException;
import dev.storyline.console.scheduler.SchedulerUnreachableException;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Operations, for admins (the security chain refuses members): the dead-letter queues with their depth and
 * messages, replay and purge behind a confirmation page (a plain form, so it works without JavaScript),
 * and the readiness of the five services.
 */
@Controller
class OperationsController {

    /** A queue as the scheduler lists it; anything else is refused here, before any call. */
    private static final Pattern QUEUE = Pattern.compile("[a-z0-9][a-z0-9._-]{0,100}");

    private final SchedulerClient scheduler;
    private final ServiceHealth health;

    OperationsController(SchedulerClient scheduler, ServiceHealth health) {
        this.scheduler = scheduler;
        this.health = health;
    }

    @GetMapping("/operations")
    String page(Model model) {
        model.addAttribute("page", "operations");
        model.addAttribute("depths", read(model, scheduler::deadLetterDepths));
        model.addAttribute("services", health.check());
        return "operations";
    }

    @GetMapping("/operations/dlq/{queue}")
    String queue(@PathVariable String queue, Model model) {
        model.addAttribute("page", "operations");
        model.addAttribute("queue", queue);
        if (!QUEUE.matcher(queue).matches()) {
            model.addAttribute("problem", unknownQueue());
            model.addAttribute("messages", List.of());
            return "operations-queue";
        }
        model.addAttribute("messages", read(model, () -> scheduler.deadLetters(queue)));
        return "operations-queue";
    }

    @GetMapping("/operations/dlq/{queue}/replay")
    String confirmReplay(@PathVariable String queue, Model model) {
        return confirm(queue, "replay", model);
    }

    @GetMapping("/operations/dlq/{queue}/purge")
    String confirmPurge(@PathVariable String queue, Model model) {
        return confirm(queue, "purge", model);
    }

    @PostMapping("/operations/dlq/{queue}/replay")
    String replay(@PathVariable String queue, RedirectAttributes redirect) {
        if (!QUEUE.matcher(queue).matches()) {
            redirect.addFlashAttribute("problem", unknownQueue());
            return "redirect:/operations";
        }
        try {
            ReplayReport report = scheduler.replay(queue);
            redirect.addFlashAttribute("report", report);
        } catch (SchedulerRefusedException | SchedulerUnreachableException e) {
            redirect.addFlashAttribute("problem", "Not replayed: " + e.getMessage());
        }
        redirect.addAttribute("queue", queue);
        return "redirect:/operations/dlq/{queue}";
    }

    @PostMapping("/operations/dlq/{queue}/purge")
    String purge(@PathVariable String queue, RedirectAttributes redirect) {
        if (!QUEUE.matcher(queue).matches()) {
            redirect.addFlashAttribute("problem", unknownQueue());
            return "redirect:/operations";
        }
        try {
            int purged = scheduler.purge(queue).purged();
            redirect.addFlashAttribute(
                    "notice",
                    "Purged " + queue + ": " + purged + (purged == 1 ? " message" : " messages")
                            + " deleted for good.");
        } catch (SchedulerRefusedException | SchedulerUnreachableException e) {
            redirect.addFlashAttribute("problem", "Not purged: " + e.getMessage());
        }
        redirect.addAttribute("queue", queue);
        return "redirect:/operations/dlq/{queue}";
    }

    /** The confirmation step: what will happen, how many messages it concerns, and one button to do it. */
    private String confirm(String queue, String action, Model model) {
        model.addAttribute("page", "operations");
        model.addAttribute("queue", queue);
        model.addAttribute("action", action);
        if (!QUEUE.matcher(queue).matches()) {
            model.addAttribute("problem", unknownQueue());
            return "operations-confirm";
        }
        List<QueueDepth> depths = read(model, scheduler::deadLetterDepths);
        depths.stream()
                .filter(d -> d.queue().equals(queue) || d.queue().equals(queue + ".dlq"))
                .findFirst()
                .ifPresentOrElse(d -> model.addAttribute("depth", d.messages()), () -> {
                    if (model.getAttribute("schedulerDown") == null) {
                        model.addAttribute("problem", unknownQueue());
                    }
                });
        return "operations-confirm";
    }

    private static String unknownQueue() {
        return "There is no such dead-letter queue. Pick one from the list on the Operations page.";
    }

    /** The scheduler's answer, or an empty list and the reason on the page. */
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
