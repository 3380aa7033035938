package dev.storyline.instagram.graph;

import java.util.Optional;

/**
 * Where the worker gets an account's access token. Tokens never travel in events: with TOKEN_WORKER_URL
 * token-worker's store answers ({@link TokenWorkerAccessTokens}), otherwise the one configured
 * INSTAGRAM_ACCESS_TOKEN serves every account ({@link ConfiguredAccessTokens}).
 */
public interface AccessTokens {

    /**
     * The account's token; empty when it has none (the post then falls back to Telegram as TOKEN_EXPIRED).
     *
     * @throws TokenServiceUnavailableException the source could not be asked right now (worth a retry)
     */
    Optional<AccessToken> forAccount(String accountId);

    /**
     * Meta refused this token (TOKEN_EXPIRED): a cached copy must not be used again, so the next post asks
     * for the current one (token-worker may have refreshed or been given a new one meanwhile).
     */
    default void rejected(String accountId, AccessToken token) {}

    /**
     * A token that cannot leak through toString (logs, exception messages, debuggers' summaries).
     *
     * @param generation token-worker's generation of this value (null for a configured token): a fallback
     *                   for a rejected token names it, so a report about a token since refreshed is seen as stale
     */
    record AccessToken(String value, Long generation) {

        public AccessToken {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException("access token is blank");
            }
        }

        public AccessToken(String value) {
            this(value, null);
        }

        /** The same token is the same value; the generation only describes it. */
        @Override
        public boolean equals(Object other) {
            return other instanceof AccessToken token && value.equals(token.value);
        }

        @Override
        public int hashCode() {
            return value.hashCode();
        }

        @Override
        public String toString() {
            return "AccessToken[<redacted>, generation=" + generation + "]";
        }
    }
}
