package dev.storyline.console.web;

import dev.storyline.console.scheduler.SchedulerApi.Account;
import dev.storyline.console.scheduler.SchedulerClient;
import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * The accounts the signed-in person has, for every list, chooser and "all accounts" view: the scheduler's
 * accounts less those not granted to them. The routes of one account are guarded by the security chain
 * (signin.AccountAuthorization); this keeps the other accounts out of the lists.
 */
@Component
public class AccountAccess {

    private final SchedulerClient scheduler;

    AccountAccess(SchedulerClient scheduler) {
        this.scheduler = scheduler;
    }

    /** The scheduler's accounts this person may see, in the scheduler's order. */
    public List<Account> accounts() {
        List<Account> all = scheduler.accounts();
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null) {
            return List.of();
        }
        CurrentUser me = CurrentUser.of(authentication);
        return me.admin() ? all : all.stream().filter(a -> me.canSee(a.id())).toList();
    }

    /** True for an installation admin, whose "all accounts" is every account (a read needs no account filter). */
    public boolean seesEveryAccount() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && CurrentUser.of(authentication).admin();
    }

    /** What a page says when the list is empty: for an installation admin there is none yet, for others none of theirs. */
    public String none() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && CurrentUser.of(authentication).admin()
                ? "No account yet: add one with the storyline CLI (storyline add-account)."
                : "No account is shared with you yet: an installation admin grants accounts on the Users page.";
    }
}
