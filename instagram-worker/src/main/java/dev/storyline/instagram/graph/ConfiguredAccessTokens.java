package dev.storyline.instagram.graph;

import dev.storyline.instagram.InstagramProperties;
import org.springframework.stereotype.Component;

import java.util.Optional;

/** The single-account setup: one token from INSTAGRAM_ACCESS_TOKEN serves every account id. */
@Component
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
