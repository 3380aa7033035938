package dev.storyline.console.connect;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What a completed sign-in at Meta yields: a long-lived token that may publish and the professional accounts it
 * reaches. It lives in the signed-in person's server-side session until they pick an account, never longer than
 * the flow allows, and never travels to the browser.
 *
 * @param expiresAt from Meta's {@code expires_in}; null when Meta did not say (token-worker then assumes 60 days)
 */
public record Grant(
        LoginType loginType, Secret token, Instant expiresAt, List<String> scopes, List<Discovered> accounts) {

    /** A professional account the token reaches. */
    public record Discovered(String instagramUserId, String username, String pageName) {

        /** How the page names it: @username, and the Facebook Page it belongs to when there is one. */
        public String label() {
            String name = username == null || username.isBlank() ? instagramUserId : "@" + username;
            return pageName == null || pageName.isBlank() ? name : name + " (Page " + pageName + ")";
        }
    }

    /** The token itself: its value never appears in toString, so no log line or page can carry it by accident. */
    public record Secret(String value) {
        @Override
        public String toString() {
            return "<redacted>";
        }
    }

    Optional<Discovered> account(String instagramUserId) {
        return accounts.stream()
                .filter(a -> a.instagramUserId().equals(instagramUserId))
                .findFirst();
    }

    @Override
    public String toString() {
        return "Grant[loginType=" + loginType + ", token=<redacted>, expiresAt=" + expiresAt + ", accounts=" + accounts
                + "]";
    }
}
