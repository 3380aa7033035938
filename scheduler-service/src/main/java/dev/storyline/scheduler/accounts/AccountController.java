package dev.storyline.scheduler.accounts;

import jakarta.validation.Valid;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
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

/** Accounts in the admin API: list, add, change, remove, and the Graph API switch. */
@RestController
@RequestMapping("/api/accounts")
class AccountController {

    private final AccountService service;
    private final Accounts accounts;

    AccountController(AccountService service, Accounts accounts) {
        this.service = service;
        this.accounts = accounts;
    }

    @GetMapping
    List<AccountService.View> accounts() {
        return service.all();
    }

    @GetMapping("/{account}")
    AccountService.View account(@PathVariable String account) {
        return service.view(accounts.require(account));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    AccountService.View add(@Valid @RequestBody AccountRequests.NewAccount account) {
        return service.add(account);
    }

    /** Changes the fields given; days not yet dispatched are planned again, a new folder is indexed at once. */
    @PatchMapping("/{account}")
    AccountService.View change(@PathVariable String account, @Valid @RequestBody AccountRequests.AccountChange change) {
        return service.change(account, change);
    }

    /** Refused while posts are in flight unless force=true; the posting history stays. */
    @DeleteMapping("/{account}")
    Map<String, Object> remove(@PathVariable String account, @RequestParam(defaultValue = "false") boolean force) {
        service.remove(account, force);
        return Map.of("removed", account, "historyKept", true);
    }

    @PutMapping("/{account}/api")
    AccountService.View setApi(@PathVariable String account, @RequestBody AccountRequests.ApiSwitch body) {
        if (body.enabled() == null) {
            throw new dev.storyline.platform.admin.AdminApiErrors.BadInput(
                    "enabled", null, "on, off, true or false (any case)");
        }
        boolean enabled = AccountRequests.onOff("enabled", body.enabled(), false);
        Account current = accounts.require(account);
        if (enabled && current.instagramUserId() == null) {
            throw new dev.storyline.platform.admin.AdminApiErrors.BadInput(
                    "enabled", "on", "off until the account has an instagramUserId (set it with PATCH)");
        }
        accounts.setApiEnabled(current.id(), enabled);
        return service.view(accounts.require(account));
    }
}
