package dev.storyline.token.ingest;

import dev.storyline.token.crypto.AccessToken;
import dev.storyline.token.refresh.GraphProperties;
import dev.storyline.token.store.LoginType;
import dev.storyline.token.store.TokenStore;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Takes {@code INSTAGRAM_ACCESS_TOKEN} into the store at start-up when it is new. "New" is decided
 * by the fingerprint of the last value taken from the environment, not by comparing with the stored
 * token: after the first refresh the stored value always differs from the variable, and putting the
 * stale variable back on every restart would undo the refreshes until the token dies.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class EnvTokenBootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(EnvTokenBootstrap.class);

    private final EnvTokenProperties properties;
    private final TokenStore store;
    private final TokenIngest ingest;
    private final GraphProperties graph;

    EnvTokenBootstrap(EnvTokenProperties properties, TokenStore store, TokenIngest ingest, GraphProperties graph) {
        this.properties = properties;
        this.store = store;
        this.ingest = ingest;
        this.graph = graph;
    }

    @Override
    public void run(ApplicationArguments args) {
        ingestFromEnvironment();
    }

    /** Returns true if the variable's value was stored. */
    public boolean ingestFromEnvironment() {
        String account = properties.id();
        if (!properties.hasToken()) {
            if (store.active(account).isEmpty()) {
                log.warn(
                        "account '{}' has no token: set INSTAGRAM_ACCESS_TOKEN or put one through the admin API "
                                + "(PUT /api/accounts/{}/token); until then its posts go to Telegram",
                        account,
                        account);
            }
            return false;
        }
        AccessToken token;
        try {
            token = AccessToken.of(properties.accessToken());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("INSTAGRAM_ACCESS_TOKEN is unusable: " + e.getMessage());
        }
        LoginType loginType = LoginType.fromWire(properties.loginType());
        if (loginType == LoginType.FACEBOOK_LOGIN && !graph.hasAppCredentials()) {
            log.warn(
                    "INSTAGRAM_LOGIN_TYPE=facebook_login but FACEBOOK_APP_ID/FACEBOOK_APP_SECRET are not set: "
                            + "the token of account '{}' cannot be refreshed and will be reported failed when due",
                    account);
        }
        Optional<String> seen = store.lastEnvFingerprint(account);
        if (seen.isPresent() && seen.get().equals(token.fingerprint())) {
            if (store.active(account).isEmpty()) {
                log.warn(
                        "INSTAGRAM_ACCESS_TOKEN for account '{}' was stored before and has since been revoked; "
                                + "not putting it back. Set a new INSTAGRAM_ACCESS_TOKEN or use the admin API",
                        account);
            } else {
                log.info(
                        "INSTAGRAM_ACCESS_TOKEN for account '{}' is already in the store (possibly refreshed since)",
                        account);
            }
            return false;
        }
        ingest.put(
                new TokenIngest.Put(
                        account, loginType, properties.instagramUserId(), token, null, List.of(), "environment"),
                () -> store.rememberEnvFingerprint(account, token.fingerprint()));
        return true;
    }
}
