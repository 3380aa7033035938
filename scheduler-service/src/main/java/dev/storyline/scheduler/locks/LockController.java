package dev.storyline.scheduler.locks;

import dev.storyline.scheduler.accounts.Accounts;
import dev.storyline.scheduler.media.MediaLibrary;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.UUID;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** An operator rejects a library medium for good, or unlocks it so the picker may choose it again. */
@RestController
@RequestMapping("/api/accounts/{account}/media/{media}")
class LockController {

    private static final String BY = "who does it, 1 to 100 characters";
    private static final String REASON = "at most 500 characters";

    private final Accounts accounts;
    private final LibraryLocks locks;
    private final MediaLibrary library;

    LockController(Accounts accounts, LibraryLocks locks, MediaLibrary library) {
        this.accounts = accounts;
        this.locks = locks;
        this.library = library;
    }

    /** Body: {"by": "ann@brand.com", "reason": "off-brand"}; the reason may be left out. */
    record Reject(
            @NotBlank(message = BY) @Size(max = 100, message = BY)
            String by,

            @Size(max = 500, message = REASON) String reason) {}

    /** Body (optional): {"by": "ann@brand.com"}, kept in the scheduler's log. */
    record Unlock(@Size(max = 100, message = BY) String by) {}

    /**
     * The medium's state after the change, and the post now carrying it if one is in flight: that post goes on
     * as it is (the lock only keeps the picker from choosing the medium again).
     */
    record LockChange(MediaLibrary.Item media, UUID inFlightPostId) {}

    @Operation(
            summary = "Reject a medium for good",
            description = "Locks the medium so that no future pick (dispatch, post-next, the next-picks preview)"
                    + " chooses it, as a Telegram Reject does, without needing a post. Rejecting a rejected medium"
                    + " changes nothing and answers the same (the first rejection's who and why stay). A post"
                    + " already carrying the medium (DISPATCHED or MANUAL_PENDING) is not withdrawn: it goes on,"
                    + " and the answer names it as inFlightPostId. Undo with unlock.")
    @PostMapping("/reject")
    LockChange reject(@PathVariable String account, @PathVariable UUID media, @Valid @RequestBody Reject body) {
        String accountId = accounts.require(account).id();
        String reason = body.reason() == null || body.reason().isBlank()
                ? null
                : body.reason().strip();
        locks.reject(accountId, media, body.by().strip(), reason);
        return answer(accountId, media);
    }

    @Operation(
            summary = "Unlock a medium",
            description = "Removes every active lock of the medium: the cool-down after a post or a skip, and a"
                    + " rejection from Telegram or from the library, so the next pick may choose it again. The"
                    + " posting history stays. Unlocking an unlocked medium changes nothing and answers the same.")
    @PostMapping("/unlock")
    LockChange unlock(
            @PathVariable String account, @PathVariable UUID media, @Valid @RequestBody(required = false) Unlock body) {
        String accountId = accounts.require(account).id();
        String by = body == null || body.by() == null || body.by().isBlank()
                ? "admin-api"
                : body.by().strip();
        locks.unlock(accountId, media, by);
        return answer(accountId, media);
    }

    private LockChange answer(String accountId, UUID media) {
        MediaLibrary.Item item = library.find(accountId, media).orElseThrow();
        return new LockChange(item, locks.inFlightPost(media).orElse(null));
    }
}
