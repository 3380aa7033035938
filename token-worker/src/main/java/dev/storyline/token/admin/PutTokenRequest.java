package dev.storyline.token.admin;

import java.time.Instant;
import java.util.List;

/**
 * Body of {@code PUT /api/accounts/{account}/token}.
 *
 * @param loginType {@code instagram_login} or {@code facebook_login}; left out, the account's current login type
 *                  is kept (a new account gets INSTAGRAM_LOGIN_TYPE); a change needs {@code instagramUserId}
 * @param instagramUserId left out, the account's current one is kept
 * @param expiresAt when known (e.g. from Meta's token debugger); otherwise 60 days are assumed until the first refresh
 */
record PutTokenRequest(
        String accessToken, String loginType, String instagramUserId, Instant expiresAt, List<String> scopes) {

    /** Spring logs request bodies at DEBUG through toString(): the token must not be in it. */
    @Override
    public String toString() {
        return "PutTokenRequest[accessToken=<redacted>, loginType=" + loginType + ", instagramUserId=" + instagramUserId
                + ", expiresAt=" + expiresAt + ", scopes=" + scopes + "]";
    }
}
