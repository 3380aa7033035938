package dev.storyline.telegram.commands;

import dev.storyline.telegram.access.Role;
import dev.storyline.telegram.access.TeamAccess;
import dev.storyline.telegram.scheduler.SchedulerApiException;
import dev.storyline.telegram.scheduler.SchedulerClient;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Which accounts a command acts on. A user sees the accounts they have a role for, served by the chat
 * they write in; admins of an account may change it, members only read.
 */
@Component
class AccountScope {

    interface PerAccount {
        String run(SchedulerClient.Account account) throws SchedulerApiException;
    }

    interface OnAccount {
        Reply run(String account) throws SchedulerApiException;
    }

    private final SchedulerClient scheduler;
    private final TeamAccess access;
    private final CommandMetrics metrics;

    AccountScope(SchedulerClient scheduler, TeamAccess access, CommandMetrics metrics) {
        this.scheduler = scheduler;
        this.access = access;
        this.metrics = metrics;
    }

    /** Read-only commands: the named account, or every account the asker sees in this chat. */
    String forAccounts(Asker asker, String named, PerAccount section) throws SchedulerApiException {
        List<SchedulerClient.Account> visible = scheduler.accounts().stream()
                .filter(a -> access.sees(asker.user().getId(), asker.chat(), a.id()))
                .toList();
        List<SchedulerClient.Account> chosen = named == null
                ? visible
                : visible.stream().filter(a -> a.id().equals(named)).toList();
        if (chosen.isEmpty()) {
            return named == null ? "No accounts to show here." : unknownAccount(named, visible);
        }
        List<String> sections = new ArrayList<>();
        for (SchedulerClient.Account account : chosen) {
            sections.add(section.run(account));
        }
        return String.join("\n\n", sections);
    }

    /**
     * Commands that change something: the named account, or the only one the asker administers in this
     * chat. An account the asker has no role for, or that this chat does not serve, is unknown to them.
     */
    Reply withAccount(Asker asker, Command command, String named, OnAccount action) throws SchedulerApiException {
        long user = asker.user().getId();
        if (named != null) {
            if (!access.sees(user, asker.chat(), named)) {
                metrics.count(command.name, "refused");
                return Reply.of("Unknown account '" + named + "' here.");
            }
            if (access.roleOf(user, named) != Role.ADMIN) {
                metrics.count(command.name, "refused");
                return Reply.of("⛔ Only admins of " + named + " can use /" + command.name + ".");
            }
            return action.run(named);
        }
        List<SchedulerClient.Account> administered = scheduler.accounts().stream()
                .filter(a -> access.sees(user, asker.chat(), a.id()) && access.roleOf(user, a.id()) == Role.ADMIN)
                .toList();
        if (administered.size() == 1) {
            return action.run(administered.getFirst().id());
        }
        if (administered.isEmpty()) {
            return Reply.of("No accounts you can change here.");
        }
        return Reply.of("Which account? /" + command.name + " " + command.usage + " — accounts: "
                + String.join(
                        ", ",
                        administered.stream().map(SchedulerClient.Account::id).toList()));
    }

    private static String unknownAccount(String named, List<SchedulerClient.Account> accounts) {
        return "Unknown account '" + named + "'. Accounts: "
                + String.join(
                        ", ", accounts.stream().map(SchedulerClient.Account::id).toList());
    }
}
