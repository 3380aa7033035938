package dev.storyline.scheduler.accounts;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.storyline.platform.admin.AdminApiErrors.BadInput;
import dev.storyline.platform.admin.AdminApiErrors.Conflict;
import dev.storyline.scheduler.SchedulerProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * Adding, changing and removing accounts. Folder rule: an account owns one folder directly under
 * MEDIA_ROOT ({@code mediaSubdir}), its categories are the sub-folders of that folder, and no two
 * accounts share one. The account with the empty folder owns the category folders of MEDIA_ROOT itself,
 * except the folders other accounts own (a removed account keeps its folder).
 * <p>
 * The events go out after the settings are stored (each a statement of its own), so the listeners index
 * and plan in their own transactions, with the new settings visible.
 */
@Service
public class AccountService {

    /** An account as the API shows it: its settings, the folder it posts from and what to look out for. */
    public record View(@JsonUnwrapped Account account, String mediaFolder, List<String> warnings) {}

    private final Accounts accounts;
    private final ApplicationEventPublisher events;
    private final AccountLimits limits;
    private final Path mediaRoot;

    AccountService(
            Accounts accounts, ApplicationEventPublisher events, AccountLimits limits, SchedulerProperties properties) {
        this.accounts = accounts;
        this.events = events;
        this.limits = limits;
        this.mediaRoot = properties.mediaRootPath();
    }

    /** Every account; the folders other accounts own are read once for the list, not once per account. */
    public List<View> all() {
        List<String> owned = accounts.ownedFolders();
        return accounts.all().stream().map(a -> view(a, owned)).toList();
    }

    public View view(Account account) {
        return view(account, accounts.ownedFolders());
    }

    public View add(AccountRequests.NewAccount request) {
        Account account = request.toAccount();
        AccountSettings.check(account);
        if (accounts.active(account.id())) {
            throw new Conflict(
                    "account '" + account.id() + "' exists already; change it with PATCH (storyline account-set)");
        }
        checkFolder(account, AccountRequests.onOff("createFolder", request.createFolder(), false));
        accounts.upsert(account);
        Account stored = accounts.require(account.id());
        events.publishEvent(new AccountEvents.Changed(null, stored));
        return view(stored);
    }

    public View change(String id, AccountRequests.AccountChange change) {
        Account before = accounts.require(id);
        Account after = change.applyTo(before);
        AccountSettings.check(after);
        if (!before.mediaSubdir().equals(after.mediaSubdir())) {
            checkFolder(after, AccountRequests.onOff("createFolder", change.createFolder(), false));
        }
        accounts.upsert(after);
        Account stored = accounts.require(id);
        events.publishEvent(new AccountEvents.Changed(before, stored));
        return view(stored);
    }

    public void remove(String id, boolean force) {
        Account account = accounts.require(id);
        events.publishEvent(new AccountEvents.Removing(account, force));
        accounts.markRemoved(id);
    }

    private void checkFolder(Account account, boolean create) {
        String folder = account.mediaSubdir();
        Optional<Account> owner = accounts.all().stream()
                .filter(other ->
                        !other.id().equals(account.id()) && other.mediaSubdir().equals(folder))
                .findFirst();
        if (owner.isPresent()) {
            throw new Conflict(
                    folder.isEmpty()
                            ? "MEDIA_ROOT itself belongs to account '"
                                    + owner.get().id() + "'; give this account a folder of its own (mediaSubdir)"
                            : "folder '" + folder + "' belongs to account '"
                                    + owner.get().id() + "'; each account has a folder of its own");
        }
        Path path = mediaRoot.resolve(folder).normalize();
        if (Files.isDirectory(path)) {
            return;
        }
        if (!create) {
            throw new BadInput(
                    "mediaSubdir",
                    folder,
                    "an existing folder under MEDIA_ROOT (" + mediaRoot + "): " + existingFolders()
                            + "; or set createFolder (storyline --create-folder) to create it");
        }
        try {
            Files.createDirectories(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + path, e);
        }
    }

    private String existingFolders() {
        try (Stream<Path> children = Files.list(mediaRoot)) {
            String names = children.filter(Files::isDirectory)
                    .map(p -> p.getFileName().toString())
                    .filter(n -> !n.startsWith("."))
                    .sorted()
                    .collect(Collectors.joining(", "));
            return names.isEmpty() ? "none yet" : names;
        } catch (IOException e) {
            return "none readable";
        }
    }

    private View view(Account account, List<String> ownedFolders) {
        String folder;
        if (account.mediaSubdir().isEmpty()) {
            String others = ownedFolders.stream().map(s -> s + "/").collect(Collectors.joining(", "));
            folder = "MEDIA_ROOT" + (others.isEmpty() ? "" : " except " + others);
        } else {
            folder = account.mediaSubdir() + "/";
        }
        return new View(account, folder, AccountSettings.warnings(account, limits.instagramPostsPerHour()));
    }
}
