package dev.storyline.console.connect;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Reading Meta's token answers the same way for both login types. */
final class Permissions {

    private Permissions() {}

    /** Meta lists permissions as "a,b" or as ["a","b"]. */
    static List<String> listed(JsonNode node) {
        List<String> scopes = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(n -> scopes.add(n.asText().strip()));
        } else if (node.isTextual()) {
            for (String s : node.asText().split(",")) {
                if (!s.isBlank()) {
                    scopes.add(s.strip());
                }
            }
        }
        return List.copyOf(scopes);
    }

    static void requirePublish(LoginType type, List<String> granted) {
        if (!granted.contains(type.publishPermission())) {
            throw new MetaException("The sign-in did not grant " + type.publishPermission()
                    + ", so Storyline could not post stories. Nothing was changed; connect again and leave that "
                    + "permission switched on.");
        }
    }

    static Grant.Secret token(JsonNode answer) {
        String token = answer.path("access_token").asText("");
        if (token.isBlank()) {
            throw new MetaException("Meta answered without a token. Nothing was changed.");
        }
        return new Grant.Secret(token);
    }

    static Instant expiry(JsonNode answer, Clock clock) {
        long seconds = answer.path("expires_in").asLong(0);
        return seconds > 0 ? clock.instant().plusSeconds(seconds) : null;
    }
}
