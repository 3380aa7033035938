package dev.storyline.console.history;

import dev.storyline.console.scheduler.SchedulerApi.Account;
import dev.storyline.console.scheduler.SchedulerApi.HistoryEntry;
import dev.storyline.console.scheduler.SchedulerClient;
import dev.storyline.console.scheduler.SchedulerRefusedException;
import dev.storyline.console.scheduler.SchedulerUnreachableException;
import dev.storyline.console.web.AccountAccess;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The posting history of one account, newest first, 50 rows a page ({@code ?account=&page=}), and the
 * same history as a CSV download. The scheduler's history API filters by account and pages by
 * limit/offset only: it has no status or date filter, so neither does this page.
 */
@Controller
class HistoryController {

    static final int PAGE_SIZE = 50;
    /** The API's largest page, used for the export. */
    static final int EXPORT_BATCH = 500;
    /** The API's largest offset. */
    static final int MAX_OFFSET = 1_000_000;

    private static final List<String> HEADER =
            List.of("local time", "timezone", "status", "outcome", "medium", "route", "reason", "post id");

    private final SchedulerClient scheduler;
    private final AccountAccess access;

    HistoryController(SchedulerClient scheduler, AccountAccess access) {
        this.access = access;
        this.scheduler = scheduler;
    }

    @GetMapping("/history")
    String history(
            @RequestParam(required = false) String account, @RequestParam(required = false) String page, Model model) {
        model.addAttribute("page", "history");
        List<Account> accounts;
        try {
            accounts = access.accounts();
        } catch (SchedulerUnreachableException e) {
            model.addAttribute("schedulerDown", e.getMessage());
            return "history";
        } catch (SchedulerRefusedException e) {
            model.addAttribute("problem", e.getMessage());
            return "history";
        }
        model.addAttribute("accounts", accounts);
        if (accounts.isEmpty()) {
            model.addAttribute("notice", access.none());
            return "history";
        }
        Account chosen = choose(accounts, account);
        if (account != null && !account.isBlank() && !chosen.id().equals(account)) {
            model.addAttribute("notice", "There is no account “" + account + "”; showing " + chosen.name() + ".");
        }
        int number = pageNumber(page, model);
        model.addAttribute("account", chosen);
        model.addAttribute("pageNumber", number);
        try {
            // one row more than a page tells whether there is a next page
            List<HistoryEntry> entries = scheduler.history(chosen.id(), PAGE_SIZE + 1, (number - 1) * PAGE_SIZE);
            boolean more = entries.size() > PAGE_SIZE && number * PAGE_SIZE < MAX_OFFSET;
            model.addAttribute(
                    "rows",
                    entries.stream()
                            .limit(PAGE_SIZE)
                            .map(e -> HistoryRow.of(e, chosen.zone()))
                            .toList());
            model.addAttribute("previousPage", number > 1 ? number - 1 : null);
            model.addAttribute("nextPage", more ? number + 1 : null);
        } catch (SchedulerUnreachableException e) {
            model.addAttribute("schedulerDown", e.getMessage());
        } catch (SchedulerRefusedException e) {
            model.addAttribute("problem", e.getMessage());
        }
        return "history";
    }

    /**
     * The whole history of the account as CSV, fetched and written batch by batch (nothing held in
     * memory). A scheduler that fails before the first byte gets a plain-words 503 or its refusal.
     */
    @GetMapping("/history.csv")
    void csv(@RequestParam(required = false) String account, HttpServletResponse response) throws IOException {
        Account chosen;
        List<HistoryEntry> batch;
        try {
            List<Account> accounts = access.accounts();
            if (accounts.isEmpty()) {
                plain(response, 404, access.none());
                return;
            }
            chosen = choose(accounts, account);
            if (account != null && !account.isBlank() && !chosen.id().equals(account)) {
                plain(response, 404, "There is no account “" + account + "”.");
                return;
            }
            batch = scheduler.history(chosen.id(), EXPORT_BATCH, 0);
        } catch (SchedulerUnreachableException e) {
            plain(response, 503, "Scheduler not reachable. " + e.getMessage());
            return;
        } catch (SchedulerRefusedException e) {
            plain(response, e.status() == 404 ? 404 : 502, e.getMessage());
            return;
        }
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader(
                HttpHeaders.CONTENT_DISPOSITION,
                ContentDisposition.attachment()
                        .filename("history-" + chosen.id() + ".csv", StandardCharsets.UTF_8)
                        .build()
                        .toString());
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        Writer out = response.getWriter();
        out.write(Csv.line(HEADER));
        int offset = 0;
        while (true) {
            for (HistoryEntry entry : batch) {
                HistoryRow row = HistoryRow.of(entry, chosen.zone());
                out.write(Csv.line(java.util.Arrays.asList(
                        row.localTime(),
                        chosen.zone().getId(),
                        row.status(),
                        row.outcome(),
                        row.medium(),
                        row.route(),
                        row.reason(),
                        entry.postId() == null ? null : entry.postId().toString())));
            }
            out.flush();
            offset += batch.size();
            if (batch.size() < EXPORT_BATCH || offset > MAX_OFFSET) {
                return;
            }
            try {
                batch = scheduler.history(chosen.id(), EXPORT_BATCH, offset);
            } catch (SchedulerUnreachableException | SchedulerRefusedException e) {
                // the status is sent already: say in the file that it is incomplete
                out.write(Csv.line(List.of("export incomplete: " + e.getMessage())));
                return;
            }
        }
    }

    private static Account choose(List<Account> accounts, String account) {
        return accounts.stream().filter(a -> a.id().equals(account)).findFirst().orElse(accounts.getFirst());
    }

    private static int pageNumber(String page, Model model) {
        if (page == null || page.isBlank()) {
            return 1;
        }
        try {
            int number = Integer.parseInt(page.strip());
            if (number >= 1 && (long) (number - 1) * PAGE_SIZE <= MAX_OFFSET) {
                return number;
            }
        } catch (NumberFormatException e) {
            // falls through to the notice
        }
        model.addAttribute("notice", "“" + page + "” is not a page number; showing the newest entries.");
        return 1;
    }

    private static void plain(HttpServletResponse response, int status, String message) throws IOException {
        response.setStatus(status);
        response.setContentType("text/plain;charset=UTF-8");
        response.getWriter().write(message);
    }
}
