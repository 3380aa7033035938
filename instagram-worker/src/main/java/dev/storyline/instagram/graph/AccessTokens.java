package dev.storyline.instagram.graph;

import java.util.Optional;

/**
 * Where the worker gets an account's access token. Tokens never travel in events; for now the one
 * configured account's token comes from INSTAGRAM_ACCESS_TOKEN, later token-worker's store answers.
 */
public interface AccessTokens {

    Optional<AccessToken> forAccount(String accountId);

    /** A token that cannot leak through toString (logs, exception messages, debuggers' summaries). */
    record AccessToken(String value) {

        public AccessToken {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException("access token is blank");
            }
        }

        @Override
        public String toString() {
            return "AccessToken[<redacted>]";
        }
    }
}
