package dev.storyline.instagram.graph;

import dev.storyline.instagram.InstagramProperties;
import java.util.Optional;

/**
 * The single-account setup: one token from INSTAGRAM_ACCESS_TOKEN serves every account id. It never
 * changes while the worker runs, so a token refreshed by token-worker is only seen through
 * {@link TokenWorkerAccessTokens}; this stays for setups without token-worker.
 */
class ConfiguredAccessTokens implements AccessTokens {

    private final Optional<AccessToken> token;

    ConfiguredAccessTokens(InstagramProperties properties) {
        String value = properties.accessToken();
        this.token = value == null || value.isBlank() ? Optional.empty() : Optional.of(new AccessToken(value.strip()));
    }

    @Override
    public Optional<AccessToken> forAccount(String accountId) {
        return token;
    }
}
