package dev.storyline.token.serving;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Service-to-service: instagram-worker asks here for the account's current token before it publishes,
 * so a refresh or a replaced token takes effect without a restart. Only STORYLINE_INTERNAL_TOKEN opens it (the shared perimeter);
 * an account without a usable token is 404 (through the shared admin error advice).
 */
@RestController
@RequestMapping("/internal")
class InternalTokenController {

    private final CurrentTokens tokens;

    InternalTokenController(CurrentTokens tokens) {
        this.tokens = tokens;
    }

    @GetMapping("/accounts/{account}/access-token")
    ResponseEntity<ServedToken> accessToken(@PathVariable String account) {
        // no-store: no proxy or client cache may keep a token; callers keep it in memory briefly, by their own rule
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(tokens.current(account));
    }
}
