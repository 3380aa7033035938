package dev.storyline.scheduler.insights;

import dev.storyline.scheduler.Paging;
import dev.storyline.scheduler.accounts.Accounts;
import dev.storyline.scheduler.locks.Locks;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** What an operator reads: figures, the posting history and the repost locks. */
@RestController
@RequestMapping("/api/accounts/{account}")
class InsightsController {

    private final Accounts accounts;
    private final Stats stats;
    private final PostingHistory history;
    private final Locks locks;

    InsightsController(Accounts accounts, Stats stats, PostingHistory history, Locks locks) {
        this.accounts = accounts;
        this.stats = stats;
        this.history = history;
        this.locks = locks;
    }

    @GetMapping("/stats")
    Stats.AccountStats stats(@PathVariable String account) {
        return stats.of(accounts.require(account).id());
    }

    @GetMapping("/history")
    List<PostingHistory.Entry> history(
            @PathVariable String account,
            @RequestParam(defaultValue = "50") @Paging.Limit int limit,
            @RequestParam(defaultValue = "0") @Paging.Offset int offset) {
        return history.recent(accounts.require(account).id(), limit, offset);
    }

    @GetMapping("/locks")
    List<Locks.ActiveLock> locks(
            @PathVariable String account,
            @RequestParam(defaultValue = "100") @Paging.Limit int limit,
            @RequestParam(defaultValue = "0") @Paging.Offset int offset) {
        return locks.active(accounts.require(account).id(), limit, offset);
    }
}
