package dev.storyline.token.admin;

import dev.storyline.platform.admin.AdminApiErrors;
import dev.storyline.token.crypto.AccessToken;
import dev.storyline.token.health.TokenHealth;
import dev.storyline.token.health.TokenMetrics;
import dev.storyline.token.health.TokenStatus;
import dev.storyline.token.ingest.EnvTokenProperties;
import dev.storyline.token.ingest.TokenIngest;
import dev.storyline.token.store.KeyRotation;
import dev.storyline.token.store.LoginType;
import dev.storyline.token.store.StoredToken;
import dev.storyline.token.store.TokenStore;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Token administration for operators (and the CLI / Telegram commands). Answers carry token
 * health only, never a token: a value goes in through PUT and never comes out.
 */
@RestController
@RequestMapping("/api")
class TokenAdminController {

    private final TokenIngest ingest;
    private final TokenHealth health;
    private final TokenMetrics metrics;
    private final KeyRotation rotation;
    private final TokenStore store;
    private final LoginType defaultLoginType;

    TokenAdminController(
            TokenIngest ingest,
            TokenHealth health,
            TokenMetrics metrics,
            KeyRotation rotation,
            TokenStore store,
            EnvTokenProperties envAccount) {
        this.ingest = ingest;
        this.health = health;
        this.metrics = metrics;
        this.rotation = rotation;
        this.store = store;
        this.defaultLoginType =
                envAccount.loginType() == null || envAccount.loginType().isBlank()
                        ? LoginType.FACEBOOK_LOGIN
                        : LoginType.fromWire(envAccount.loginType());
    }

    @GetMapping("/tokens")
    List<TokenStatus> all() {
        return health.all();
    }

    @GetMapping("/accounts/{account}/token")
    TokenStatus one(@PathVariable String account) {
        return health.of(account)
                .orElseThrow(() -> new NoSuchElementException("account '" + account + "' has no token"));
    }

    /** Adds or replaces the account's token; emits TokenRefreshed, so automatic posting resumes. */
    @PutMapping("/accounts/{account}/token")
    TokenStatus put(@PathVariable String account, @RequestBody PutTokenRequest request) {
        if (request == null
                || request.accessToken() == null
                || request.accessToken().isBlank()) {
            throw new IllegalArgumentException("accessToken is required");
        }
        Optional<StoredToken> existing = store.latest(account);
        boolean typeGiven = request.loginType() != null && !request.loginType().isBlank();
        boolean userGiven =
                request.instagramUserId() != null && !request.instagramUserId().isBlank();
        // A replacement token is issued the same way as the one it replaces: the login type decides the
        // refresh endpoint, so it only changes when asked, and then with the user id that goes with it.
        LoginType loginType = typeGiven
                ? LoginType.fromWire(request.loginType())
                : existing.map(StoredToken::loginType).orElse(defaultLoginType);
        if (existing.isPresent() && loginType != existing.get().loginType() && !userGiven) {
            throw new IllegalArgumentException("instagramUserId is required to change loginType of account '" + account
                    + "' from " + existing.get().loginType().wireName() + " to " + loginType.wireName());
        }
        String instagramUserId = userGiven
                ? request.instagramUserId()
                : existing.map(StoredToken::instagramUserId).orElse(null);
        ingest.put(new TokenIngest.Put(
                account,
                loginType,
                instagramUserId,
                AccessToken.of(request.accessToken()),
                request.expiresAt(),
                request.scopes(),
                "admin-api"));
        metrics.update();
        return one(account);
    }

    @DeleteMapping("/accounts/{account}/token")
    TokenStatus revoke(@PathVariable String account, @RequestParam(defaultValue = "admin-api") String by) {
        // who revoked it travels to the admins' alert, so it is a short name, never free text
        if (!by.matches("[a-z][a-z0-9-]{0,39}")) {
            throw new AdminApiErrors.BadInput(
                    "by",
                    by.length() > 40 ? by.substring(0, 40) + "…" : by,
                    "a short name in lower case, digits and dashes, e.g. admin-api or meta-deauthorize");
        }
        if (!ingest.revoke(account, by)) {
            throw new NoSuchElementException("account '" + account + "' has no active token");
        }
        metrics.update();
        return one(account);
    }

    @PostMapping("/tokens/rotate-keys")
    KeyRotation.Report rotate() {
        return rotation.rotate();
    }

    /**
     * Jackson's parse errors can quote the offending input, which may be the token; Spring's default
     * resolver would log that message. Answer without it.
     */
    @ExceptionHandler(HttpMessageNotReadableException.class)
    @ResponseStatus(HttpStatus.BAD_REQUEST)
    Map<String, String> unreadable(HttpMessageNotReadableException e) {
        return Map.of(
                "error", "the body must be JSON like {\"accessToken\": \"...\", \"loginType\": \"instagram_login\"}");
    }
}
