package dev.storyline.console.users;

import dev.storyline.console.scheduler.SchedulerApi.Account;
import dev.storyline.console.scheduler.SchedulerClient;
import dev.storyline.console.scheduler.SchedulerRefusedException;
import dev.storyline.console.scheduler.SchedulerUnreachableException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.ui.Model;

/** One account the Users forms offer, with the name it goes by (or a note when the scheduler no longer has it). */
record AccountChoice(String id, String name) {

    public String field() {
        return UserForm.ACCOUNT_PREFIX + id;
    }

    /**
     * The scheduler's accounts, then any account still granted to someone that the scheduler does not list
     * (so its grant can be seen and taken away). A scheduler that cannot be asked leaves a banner.
     */
    static List<AccountChoice> of(SchedulerClient scheduler, Collection<String> granted, Model model) {
        List<AccountChoice> choices = new ArrayList<>();
        Set<String> listed = new LinkedHashSet<>();
        try {
            for (Account account : scheduler.accounts()) {
                choices.add(new AccountChoice(account.id(), account.name()));
                listed.add(account.id());
            }
        } catch (SchedulerUnreachableException e) {
            model.addAttribute("schedulerDown", e.getMessage());
        } catch (SchedulerRefusedException e) {
            model.addAttribute("problem", e.getMessage());
        }
        granted.stream()
                .filter(id -> !listed.contains(id))
                .distinct()
                .sorted()
                .forEach(id -> choices.add(new AccountChoice(id, id + " (not listed by the scheduler)")));
        return choices;
    }
}
