package dev.storyline.console.library;

import dev.storyline.console.scheduler.SchedulerRefusedException;
import dev.storyline.console.scheduler.SchedulerUnreachableException;
import dev.storyline.console.web.CurrentUser;
import java.util.Optional;
import java.util.UUID;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * An admin rejects a library item for good (after a confirmation page, a plain form, so it works without
 * JavaScript) or unlocks it so it may be picked again. Both come back to the library page, with the filters the
 * admin came from, saying what happened. The signed-in admin's email is recorded as who did it.
 */
@Controller
class LibraryLocksController {

    private final LibraryClient library;

    LibraryLocksController(LibraryClient library) {
        this.library = library;
    }

    /** Where the admin came from on the library page, so the answer shows the same page. */
    record Back(String category, String state, String page) {

        String redirect(String account) {
            UriComponentsBuilder uri = UriComponentsBuilder.fromPath("/accounts/{account}/library");
            Optional.ofNullable(blankless(category)).ifPresent(c -> uri.queryParam("category", c));
            Optional.ofNullable(blankless(state)).ifPresent(s -> uri.queryParam("state", s));
            Optional.ofNullable(blankless(page)).ifPresent(p -> uri.queryParam("page", p));
            return "redirect:" + uri.buildAndExpand(account).encode().toUriString();
        }

        private static String blankless(String value) {
            return value == null || value.isBlank() ? null : value.strip();
        }
    }

    @GetMapping("/accounts/{account}/library/{media}/reject")
    String confirmReject(
            @PathVariable String account,
            @PathVariable UUID media,
            @RequestParam(required = false) String category,
            @RequestParam(required = false) String state,
            @RequestParam(required = false) String page,
            Model model) {
        model.addAttribute("page", "library");
        model.addAttribute("account", account);
        model.addAttribute("back", new Back(category, state, page));
        try {
            model.addAttribute("item", library.item(account, media));
        } catch (SchedulerUnreachableException e) {
            model.addAttribute("schedulerDown", e.getMessage());
        } catch (SchedulerRefusedException e) {
            model.addAttribute("problem", e.getMessage());
        }
        return "library-reject";
    }

    @PostMapping("/accounts/{account}/library/{media}/reject")
    String reject(
            @PathVariable String account,
            @PathVariable UUID media,
            @RequestParam(required = false) String reason,
            @RequestParam(required = false) String category,
            @RequestParam(required = false) String state,
            @RequestParam(required = false) String page,
            Authentication authentication,
            RedirectAttributes redirect) {
        String why = reason == null || reason.isBlank() ? null : reason.strip();
        try {
            LibraryApi.LockChange change = library.reject(
                    account, media, CurrentUser.of(authentication).email(), why);
            redirect.addFlashAttribute(
                    "notice",
                    "Rejected " + change.media().fileName() + ": it will not be picked again." + inFlight(change));
        } catch (SchedulerRefusedException | SchedulerUnreachableException e) {
            redirect.addFlashAttribute("problem", "Not rejected: " + e.getMessage());
        }
        return new Back(category, state, page).redirect(account);
    }

    @PostMapping("/accounts/{account}/library/{media}/unlock")
    String unlock(
            @PathVariable String account,
            @PathVariable UUID media,
            @RequestParam(required = false) String category,
            @RequestParam(required = false) String state,
            @RequestParam(required = false) String page,
            Authentication authentication,
            RedirectAttributes redirect) {
        try {
            LibraryApi.LockChange change = library.unlock(
                    account, media, CurrentUser.of(authentication).email());
            redirect.addFlashAttribute(
                    "notice", "Unlocked " + change.media().fileName() + ": it can be picked again." + inFlight(change));
        } catch (SchedulerRefusedException | SchedulerUnreachableException e) {
            redirect.addFlashAttribute("problem", "Not unlocked: " + e.getMessage());
        }
        return new Back(category, state, page).redirect(account);
    }

    private static String inFlight(LibraryApi.LockChange change) {
        return change.inFlightPostId() == null
                ? ""
                : " It is already on post " + change.inFlightPostId() + ", which goes on as it is.";
    }
}
