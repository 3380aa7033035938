package dev.storyline.scheduler.media;

import dev.storyline.scheduler.Paging;
import dev.storyline.scheduler.accounts.Accounts;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The media library in the admin API: index now, list (paged), annotate, scan errors, categories. */
@RestController
@RequestMapping("/api/accounts/{account}")
class MediaController {

    private final Accounts accounts;
    private final MediaIndexer indexer;
    private final MediaLibrary library;

    MediaController(Accounts accounts, MediaIndexer indexer, MediaLibrary library) {
        this.accounts = accounts;
        this.indexer = indexer;
        this.library = library;
    }

    /** What an operator may set on an item; a field left out keeps its value. */
    record FlagsChange(
            Boolean requiresInteraction,

            @Size(max = 200, message = "at most 200 characters")
            String title,

            @Size(max = 2200, message = "at most 2200 characters (Instagram's caption limit)")
            String caption,

            @Size(max = 2000, message = "at most 2000 characters")
            String link,

            @Size(max = 30, message = "at most 30 tags")
            List<@Size(max = 100, message = "tags of at most 100 characters") String> tags) {}

    @PostMapping("/media/index")
    IndexReport index(@PathVariable String account) {
        return indexer.index(accounts.require(account));
    }

    @Operation(
            summary = "List the library",
            description = "Items of the account (paged), each with its Story-rule verdict and lock state: locked and"
                    + " lockedUntil for any active lock (a cool-down after a post or skip, or a rejection),"
                    + " rejected with rejectedAt, rejectedBy and rejectionReason when it is rejected for good."
                    + " Filters: category, valid, active, locked, rejected, neverPosted.")
    @GetMapping("/media")
    List<MediaLibrary.Item> media(
            @PathVariable String account,
            @RequestParam(required = false) String category,
            @RequestParam(required = false) Boolean valid,
            @RequestParam(required = false) Boolean active,
            @RequestParam(required = false) Boolean locked,
            @RequestParam(required = false) Boolean rejected,
            @RequestParam(required = false) Boolean neverPosted,
            @RequestParam(defaultValue = "100") @Paging.Limit int limit,
            @RequestParam(defaultValue = "0") @Paging.Offset int offset) {
        return library.list(
                accounts.require(account).id(),
                new MediaLibrary.Filter(category, valid, active, locked, rejected, neverPosted),
                limit,
                offset);
    }

    @Operation(
            summary = "One library item",
            description = "The item with its Story-rule verdict and lock state, as the list shows it; 404 for an item"
                    + " of another account.")
    @GetMapping("/media/{media}")
    MediaLibrary.Item item(@PathVariable String account, @PathVariable UUID media) {
        String accountId = accounts.require(account).id();
        return library.find(accountId, media)
                .orElseThrow(() -> new NoSuchElementException("no media " + media + " in account " + accountId));
    }

    @PatchMapping("/media/{media}")
    Map<String, String> setFlags(
            @PathVariable String account, @PathVariable UUID media, @Valid @RequestBody FlagsChange flags) {
        library.setFlags(
                accounts.require(account).id(),
                media,
                new MediaLibrary.Flags(
                        flags.requiresInteraction(), flags.title(), flags.caption(), flags.link(), flags.tags()));
        return Map.of("updated", media.toString());
    }

    @GetMapping("/media/errors")
    List<MediaLibrary.ScanError> scanErrors(
            @PathVariable String account,
            @RequestParam(defaultValue = "100") @Paging.Limit int limit,
            @RequestParam(defaultValue = "0") @Paging.Offset int offset) {
        return library.scanErrors(accounts.require(account).id(), limit, offset);
    }

    @GetMapping("/categories")
    List<String> categories(@PathVariable String account) {
        return library.categories(accounts.require(account).id());
    }
}
