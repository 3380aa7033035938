package dev.storyline.console.library;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.storyline.console.scheduler.SchedulerClient;
import dev.storyline.console.scheduler.SchedulerRefusedException;
import dev.storyline.console.scheduler.SchedulerUnreachableException;
import dev.storyline.console.web.AccountAccess;
import dev.storyline.console.web.Htmx;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriUtils;

/**
 * The media library of one account: a thumbnail grid with filters and pages; admins also edit an item's
 * title, caption, link, tags and "requires interaction", upload files into a category, and reject or unlock an
 * item (LibraryLocksController). Thumbnails
 * and uploads pass through the console, so the browser never talks to the scheduler nor sees its token.
 * Who may change things is decided by the security chain (admins only); the page hides the controls too.
 */
@Controller
class LibraryController {

    static final int PAGE_SIZE = 24;
    static final int MAX_PAGE = 1_000_000 / PAGE_SIZE;
    /** The page's "Show" choices in their order, with how the page names them. */
    private static final Map<String, String> STATES = states();

    private final LibraryClient library;
    private final SchedulerClient scheduler;
    private final AccountAccess access;

    LibraryController(LibraryClient library, SchedulerClient scheduler, AccountAccess access) {
        this.access = access;
        this.library = library;
        this.scheduler = scheduler;
    }

    @GetMapping("/accounts/{account}/library")
    String page(
            @PathVariable String account,
            @RequestParam(required = false) String category,
            @RequestParam(required = false) String state,
            @RequestParam(required = false) String page,
            HttpServletRequest request,
            Model model) {
        model.addAttribute("page", "library");
        model.addAttribute("account", account);
        String chosenCategory = category == null || category.isBlank() ? null : category;
        String chosenState = state != null && STATES.containsKey(state) ? state : "all";
        int number = pageNumber(page);
        model.addAttribute("category", chosenCategory);
        model.addAttribute("state", chosenState);
        model.addAttribute("states", STATES);
        model.addAttribute("pageNumber", number);
        try {
            model.addAttribute("categories", library.categories(account));
            List<LibraryApi.MediaItem> items = library.media(
                    account, filter(chosenCategory, chosenState), PAGE_SIZE + 1, (number - 1) * PAGE_SIZE);
            model.addAttribute("items", items.stream().limit(PAGE_SIZE).toList());
            model.addAttribute("previousPage", number > 1 ? number - 1 : null);
            model.addAttribute("nextPage", items.size() > PAGE_SIZE && number < MAX_PAGE ? number + 1 : null);
        } catch (SchedulerUnreachableException e) {
            model.addAttribute("schedulerDown", e.getMessage());
        } catch (SchedulerRefusedException e) {
            model.addAttribute("problem", e.getMessage());
        }
        return "library";
    }

    /** The navigation's entry: the first account's library (the page names the account it shows). */
    @GetMapping("/library")
    String firstAccount(Model model) {
        try {
            List<dev.storyline.console.scheduler.SchedulerApi.Account> accounts = access.accounts();
            if (!accounts.isEmpty()) {
                return "redirect:/accounts/"
                        + UriUtils.encodePathSegment(accounts.getFirst().id(), UTF_8) + "/library";
            }
            model.addAttribute("notice", access.none());
        } catch (SchedulerUnreachableException e) {
            model.addAttribute("schedulerDown", e.getMessage());
        } catch (SchedulerRefusedException e) {
            model.addAttribute("problem", e.getMessage());
        }
        model.addAttribute("page", "library");
        model.addAttribute("account", "");
        return "library";
    }

    /** The item's thumbnail, fetched with the console's token; a missing one is a plain 404 (the alt text shows). */
    @GetMapping("/accounts/{account}/library/{media}/thumbnail")
    ResponseEntity<byte[]> thumbnail(@PathVariable String account, @PathVariable UUID media) {
        try {
            return ResponseEntity.ok()
                    .contentType(MediaType.IMAGE_JPEG)
                    .cacheControl(CacheControl.maxAge(Duration.ofMinutes(5)).cachePrivate())
                    .body(library.thumbnail(account, media));
        } catch (SchedulerRefusedException e) {
            return ResponseEntity.status(e.status() == 404 ? 404 : 502).build();
        } catch (SchedulerUnreachableException e) {
            return ResponseEntity.status(503).build();
        }
    }

    @PostMapping("/accounts/{account}/library/{media}")
    String edit(
            @PathVariable String account,
            @PathVariable UUID media,
            @RequestParam(defaultValue = "") String title,
            @RequestParam(defaultValue = "") String caption,
            @RequestParam(defaultValue = "") String link,
            @RequestParam(defaultValue = "") String tags,
            @RequestParam(defaultValue = "false") boolean requiresInteraction,
            HttpServletRequest request,
            Model model,
            RedirectAttributes redirect) {
        List<String> tagList = Arrays.stream(tags.split(","))
                .map(String::strip)
                .filter(t -> !t.isEmpty())
                .toList();
        String message;
        boolean done = false;
        try {
            library.edit(account, media, new LibraryApi.Edit(requiresInteraction, title, caption, link, tagList));
            message = "Saved.";
            done = true;
        } catch (SchedulerRefusedException | SchedulerUnreachableException e) {
            message = "Not saved: " + e.getMessage();
        }
        if (Htmx.isHtmx(request)) {
            model.addAttribute("outcome", message);
            model.addAttribute("done", done);
            return "library :: saved";
        }
        redirect.addFlashAttribute(done ? "notice" : "problem", message);
        return "redirect:/accounts/{account}/library";
    }

    /**
     * Each file is streamed from its uploaded part (spooled to disk by the servlet container, see the
     * multipart limits in application.yml) to the scheduler, one after the other, and gets its own result.
     */
    @PostMapping("/accounts/{account}/library/upload")
    String upload(
            @PathVariable String account,
            @RequestParam(required = false) String category,
            @RequestParam(name = "files", required = false) List<MultipartFile> files,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        List<UploadResult> results = new ArrayList<>();
        List<MultipartFile> chosen = files == null
                ? List.of()
                : files.stream()
                        .filter(f -> f.getOriginalFilename() != null
                                && !f.getOriginalFilename().isBlank())
                        .toList();
        if (category == null || category.isBlank()) {
            model.addAttribute("uploadProblem", "Choose a category to upload into.");
        } else if (chosen.isEmpty()) {
            model.addAttribute("uploadProblem", "Choose at least one file to upload.");
        } else {
            for (MultipartFile file : chosen) {
                results.add(send(account, category.strip(), file));
            }
        }
        model.addAttribute("results", results);
        if (Htmx.isHtmx(request)) {
            if (results.stream().anyMatch(UploadResult::accepted)) {
                // the grid listens for this and reloads itself, so the new files show without a page load
                response.setHeader("HX-Trigger", "library-changed");
            }
            return "library :: results";
        }
        return page(account, null, null, null, request, model);
    }

    private UploadResult send(String account, String category, MultipartFile file) {
        String name = file.getOriginalFilename();
        try (InputStream content = file.getInputStream()) {
            LibraryApi.MediaItem item = library.upload(account, category, name, content, file.getSize());
            return new UploadResult(name, true, "Added as " + item.path() + ".");
        } catch (SchedulerRefusedException e) {
            return new UploadResult(name, false, e.getMessage());
        } catch (SchedulerUnreachableException e) {
            return new UploadResult(name, false, "Not sent: " + e.getMessage());
        } catch (IOException e) {
            return new UploadResult(name, false, "The console could not read this file; try again.");
        }
    }

    private static Map<String, String> states() {
        Map<String, String> states = new java.util.LinkedHashMap<>();
        states.put("all", "All");
        states.put("valid", "Valid");
        states.put("invalid", "Invalid (with the reason)");
        states.put("locked", "Locked (recently posted, skipped or rejected)");
        states.put("rejected", "Rejected (never picked again)");
        states.put("never-posted", "Never posted");
        return java.util.Collections.unmodifiableMap(states);
    }

    private static LibraryApi.Filter filter(String category, String state) {
        return switch (state) {
            case "valid" -> new LibraryApi.Filter(category, true, null, null, null);
            case "invalid" -> new LibraryApi.Filter(category, false, null, null, null);
            case "locked" -> new LibraryApi.Filter(category, null, true, null, null);
            case "rejected" -> new LibraryApi.Filter(category, null, null, true, null);
            case "never-posted" -> new LibraryApi.Filter(category, null, null, null, true);
            default -> new LibraryApi.Filter(category, null, null, null, null);
        };
    }

    private static int pageNumber(String page) {
        try {
            int number = page == null ? 1 : Integer.parseInt(page.strip());
            return number >= 1 && number <= MAX_PAGE ? number : 1;
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}
