package dev.storyline.scheduler.schedule;

import dev.storyline.scheduler.accounts.Accounts;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The read-only preview of what dispatch would pick for an account's next planned slots. */
@RestController
@RequestMapping("/api/accounts/{account}")
class NextPicksController {

    private static final String LIMIT = "a whole number from 1 to 50";

    private final Accounts accounts;
    private final NextPicks picks;

    NextPicksController(Accounts accounts, NextPicks picks) {
        this.accounts = accounts;
        this.picks = picks;
    }

    @Operation(
            summary = "Preview the next picks",
            description = "For the next planned slots of the account (soonest first), the medium and route the"
                    + " just-in-time pick would choose if each slot were dispatched now, with the rules dispatch uses;"
                    + " two slots never show the same medium. A preview only: it changes nothing, and the real pick"
                    + " may differ when media are added, locked or posted before the slot is due.")
    @GetMapping("/next-picks")
    List<NextPicks.Preview> nextPicks(
            @PathVariable String account,
            @RequestParam(defaultValue = "10") @Min(value = 1, message = LIMIT) @Max(value = 50, message = LIMIT)
                    int limit) {
        return picks.next(accounts.require(account), limit);
    }
}
