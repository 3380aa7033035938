package dev.storyline.scheduler.outcomes;

import dev.storyline.contracts.events.ManualAction;
import dev.storyline.contracts.events.ManualPostResolved;
import dev.storyline.platform.admin.AdminApiErrors.BadInput;
import dev.storyline.scheduler.accounts.Accounts;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** An operator decides what happened to an in-flight post, as a Telegram tap would; the first decision wins. */
@RestController
@RequestMapping("/api/accounts/{account}/posts/{post}")
class ResolutionController {

    private static final String ACTIONS = "posted, skipped or rejected (any case)";
    private static final String FACES = "web-console, cli or admin-api (default admin-api)";
    private static final Set<String> FACE_NAMES =
            Set.of(ManualPostResolved.VIA_WEB_CONSOLE, ManualPostResolved.VIA_CLI, ManualPostResolved.VIA_ADMIN_API);

    private final Accounts accounts;
    private final ManualResolutions resolutions;

    ResolutionController(Accounts accounts, ManualResolutions resolutions) {
        this.accounts = accounts;
        this.resolutions = resolutions;
    }

    /**
     * Body: {"action": "posted", "by": "ann@brand.com", "via": "web-console"}. {@code via}, the face the
     * operator used, is optional so callers that predate it keep working; Telegram shows it with the outcome.
     */
    record Resolve(
            @NotBlank(message = ACTIONS) String action,

            @NotBlank(message = "who decides, 1 to 100 characters")
            @Size(max = 100, message = "who decides, 1 to 100 characters")
            String by,

            String via) {}

    @PostMapping("/resolve")
    ManualResolutions.Resolution resolve(
            @PathVariable String account, @PathVariable UUID post, @Valid @RequestBody Resolve body) {
        ManualAction action;
        try {
            action = ManualAction.valueOf(body.action().trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadInput("action", body.action(), ACTIONS);
        }
        String via = body.via() == null || body.via().isBlank()
                ? ManualPostResolved.VIA_ADMIN_API
                : body.via().trim().toLowerCase(Locale.ROOT);
        if (!FACE_NAMES.contains(via)) {
            throw new BadInput("via", body.via(), FACES);
        }
        return resolutions.resolve(
                accounts.require(account).id(), post, action, body.by().trim(), via);
    }
}
