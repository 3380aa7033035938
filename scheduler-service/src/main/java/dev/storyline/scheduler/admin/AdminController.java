package dev.storyline.scheduler.admin;

import dev.storyline.scheduler.accounts.Account;
import dev.storyline.scheduler.accounts.Accounts;
import dev.storyline.scheduler.media.IndexReport;
import dev.storyline.scheduler.media.MediaIndexer;
import dev.storyline.scheduler.media.MediaLibrary;
import dev.storyline.scheduler.schedule.Queue;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/** The operators' JSON API; telegram-worker's commands and the CLI use it too. */
@RestController
@RequestMapping("/api/accounts")
class AdminController {

    private final Accounts accounts;
    private final MediaIndexer indexer;
    private final MediaLibrary library;
    private final Queue queue;

    AdminController(Accounts accounts, MediaIndexer indexer, MediaLibrary library, Queue queue) {
        this.accounts = accounts;
        this.indexer = indexer;
        this.library = library;
        this.queue = queue;
    }

    @GetMapping
    List<Account> accounts() {
        return accounts.all();
    }

    @PostMapping("/{account}/media/index")
    IndexReport index(@PathVariable String account) {
        return indexer.index(account(account));
    }

    @GetMapping("/{account}/media")
    List<MediaLibrary.Item> media(@PathVariable String account) {
        return library.list(account(account).id());
    }

    @GetMapping("/{account}/queue")
    List<Queue.Entry> queue(@PathVariable String account, @RequestParam(defaultValue = "50") int limit) {
        return queue.upcoming(account(account).id(), Math.min(limit, 500));
    }

    @PostMapping("/{account}/post-next")
    Map<String, Object> postNext(@PathVariable String account) {
        return Map.of("postId", queue.postNextNow(account(account).id()));
    }

    @GetMapping("/{account}/history")
    List<Queue.HistoryEntry> history(@PathVariable String account, @RequestParam(defaultValue = "50") int limit) {
        return queue.history(account(account).id(), Math.min(limit, 500));
    }

    private Account account(String id) {
        return accounts.find(id).orElseThrow(() -> new NoSuchElementException("unknown account '" + id + "'"));
    }

    @ExceptionHandler(NoSuchElementException.class)
    @ResponseStatus(HttpStatus.NOT_FOUND)
    Map<String, String> notFound(NoSuchElementException e) {
        return Map.of("error", e.getMessage());
    }
}
