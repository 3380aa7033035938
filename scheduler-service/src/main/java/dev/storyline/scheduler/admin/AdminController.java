package dev.storyline.scheduler.admin;

import dev.storyline.scheduler.accounts.Account;
import dev.storyline.scheduler.accounts.Accounts;
import dev.storyline.scheduler.insights.Stats;
import dev.storyline.scheduler.locks.Locks;
import dev.storyline.scheduler.media.IndexReport;
import dev.storyline.scheduler.media.MediaIndexer;
import dev.storyline.scheduler.media.MediaLibrary;
import dev.storyline.scheduler.schedule.CategoryMix;
import dev.storyline.scheduler.schedule.PauseControl;
import dev.storyline.scheduler.schedule.Queue;
import dev.storyline.scheduler.schedule.SlotPlanner;
import dev.storyline.scheduler.schedule.StuckPosts;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.UUID;

/**
 * The operators' JSON API (OpenAPI at /v3/api-docs); the storyline CLI and telegram-worker's
 * commands use it too. Every route needs the admin token.
 */
@RestController
@RequestMapping("/api/accounts")
class AdminController {

    private final Accounts accounts;
    private final MediaIndexer indexer;
    private final MediaLibrary library;
    private final Queue queue;
    private final CategoryMix mix;
    private final SlotPlanner planner;
    private final PauseControl pauses;
    private final Locks locks;
    private final Stats stats;
    private final StuckPosts stuck;

    AdminController(Accounts accounts, MediaIndexer indexer, MediaLibrary library, Queue queue, CategoryMix mix,
                    SlotPlanner planner, PauseControl pauses, Locks locks, Stats stats, StuckPosts stuck) {
        this.accounts = accounts;
        this.indexer = indexer;
        this.library = library;
        this.queue = queue;
        this.mix = mix;
        this.planner = planner;
        this.pauses = pauses;
        this.locks = locks;
        this.stats = stats;
        this.stuck = stuck;
    }

    @GetMapping
    List<Account> accounts() {
        return accounts.all();
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Account addAccount(@RequestBody Account account) {
        if (account.id() == null || !account.id().matches("[a-z0-9][a-z0-9_-]{0,62}")) {
            throw new IllegalArgumentException("account id must be lower-case letters, digits, - or _ (got '" + account.id() + "')");
        }
        if (account.postsPerDay() < 0 || account.postsPerDay() > 100 || account.windowStartHour() < 0
                || account.windowStartHour() > 23 || account.windowEndHour() < 0 || account.windowEndHour() > 24) {
            throw new IllegalArgumentException("postsPerDay must be 0..100 and the window hours 0..23 / 0..24");
        }
        if (account.mediaSubdir() == null || account.mediaSubdir().startsWith("/") || account.mediaSubdir().contains("..")) {
            throw new IllegalArgumentException("mediaSubdir must be a folder inside MEDIA_ROOT");
        }
        if (accounts.find(account.id()).isPresent()) {
            throw new IllegalArgumentException("account '" + account.id() + "' exists already");
        }
        try {
            account.zone();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("timezone '" + account.timezone() + "' is not an IANA zone");
        }
        accounts.upsert(account);
        return account(account.id());
    }

    @PutMapping("/{account}/api")
    Account setApi(@PathVariable String account, @RequestBody Map<String, Boolean> body) {
        Boolean enabled = body.get("enabled");
        if (enabled == null) {
            throw new IllegalArgumentException("body must be {\"enabled\": true|false}");
        }
        accounts.setApiEnabled(account(account).id(), enabled);
        return account(account);
    }

    @PostMapping("/{account}/media/index")
    IndexReport index(@PathVariable String account) {
        return indexer.index(account(account));
    }

    @GetMapping("/{account}/media")
    List<MediaLibrary.Item> media(@PathVariable String account, @RequestParam(required = false) String category,
                                  @RequestParam(required = false) Boolean valid,
                                  @RequestParam(required = false) Boolean active,
                                  @RequestParam(required = false) Boolean locked) {
        return library.list(account(account).id(), new MediaLibrary.Filter(category, valid, active, locked));
    }

    @PatchMapping("/{account}/media/{media}")
    Map<String, String> setFlags(@PathVariable String account, @PathVariable UUID media,
                                 @RequestBody MediaLibrary.Flags flags) {
        library.setFlags(account(account).id(), media, flags);
        return Map.of("updated", media.toString());
    }

    @GetMapping("/{account}/media/errors")
    List<MediaLibrary.ScanError> scanErrors(@PathVariable String account) {
        return library.scanErrors(account(account).id());
    }

    @GetMapping("/{account}/categories")
    List<String> categories(@PathVariable String account) {
        return library.categories(account(account).id());
    }

    @GetMapping("/{account}/category-mix")
    List<CategoryMix.Ratio> currentMix(@PathVariable String account) {
        return mix.current(account(account).id());
    }

    /** Body: {"ratios": {"memes": 60, "merch": 40}, "changedBy": "ann"}. */
    @PutMapping("/{account}/category-mix")
    List<CategoryMix.Ratio> replaceMix(@PathVariable String account, @RequestBody MixChange change) {
        return mix.replace(account(account).id(), change.ratios(), change.changedBy());
    }

    record MixChange(Map<String, BigDecimal> ratios, String changedBy) {
    }

    @GetMapping("/{account}/category-mix/history")
    List<CategoryMix.Change> mixHistory(@PathVariable String account) {
        return mix.history(account(account).id());
    }

    @PostMapping("/{account}/schedule")
    Map<String, Object> plan(@PathVariable String account, @RequestParam(defaultValue = "7") int days) {
        if (days < 1 || days > 90) {
            throw new IllegalArgumentException("days must be 1..90");
        }
        return Map.of("slotsCreated", planner.planAhead(account(account), days));
    }

    @GetMapping("/{account}/queue")
    List<Queue.Entry> queue(@PathVariable String account, @RequestParam(defaultValue = "50") int limit) {
        return queue.upcoming(account(account).id(), Math.min(limit, 500));
    }

    @PostMapping("/{account}/post-next")
    Map<String, Object> postNext(@PathVariable String account) {
        return Map.of("postId", queue.postNextNow(account(account).id()));
    }

    @PostMapping("/{account}/pause")
    Account pause(@PathVariable String account) {
        pauses.pause(account(account).id());
        return account(account);
    }

    @PostMapping("/{account}/resume")
    PauseControl.ResumeResult resume(@PathVariable String account,
                                     @RequestParam(defaultValue = "DROP") PauseControl.Overdue overdue) {
        return pauses.resume(account(account).id(), overdue);
    }

    @GetMapping("/{account}/history")
    List<Queue.HistoryEntry> history(@PathVariable String account, @RequestParam(defaultValue = "50") int limit) {
        return queue.history(account(account).id(), Math.min(limit, 500));
    }

    @GetMapping("/{account}/locks")
    List<Locks.ActiveLock> locks(@PathVariable String account) {
        return locks.active(account(account).id());
    }

    @GetMapping("/{account}/stats")
    Stats.AccountStats stats(@PathVariable String account) {
        return stats.of(account(account).id());
    }

    @GetMapping("/{account}/stuck")
    List<StuckPosts.Stuck> stuck(@PathVariable String account) {
        return stuck.find(account(account).id());
    }

    private Account account(String id) {
        return accounts.find(id).orElseThrow(() -> new NoSuchElementException("unknown account '" + id + "'"));
    }
}
