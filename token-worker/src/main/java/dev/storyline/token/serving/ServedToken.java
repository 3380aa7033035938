package dev.storyline.token.serving;

import dev.storyline.token.store.LoginType;
import java.time.Instant;

/**
 * The answer of {@code GET /internal/accounts/{account}/access-token}: the one place a token leaves the
 * service in clear, to a caller holding STORYLINE_INTERNAL_TOKEN. {@code generation} identifies this value: the
 * caller names it when it reports the token rejected, so a report about a token since replaced is ignored.
 */
public record ServedToken(
        String accountId,
        String accessToken,
        LoginType loginType,
        String instagramUserId,
        Instant expiresAt,
        long generation) {

    /** Spring MVC logs the returned value at DEBUG through toString(): the token must not be in it. */
    @Override
    public String toString() {
        return "ServedToken[accountId=" + accountId + ", accessToken=<redacted>, loginType=" + loginType
                + ", instagramUserId=" + instagramUserId + ", expiresAt=" + expiresAt + ", generation=" + generation
                + "]";
    }
}
