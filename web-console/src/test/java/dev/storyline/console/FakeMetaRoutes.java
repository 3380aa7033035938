package dev.storyline.console;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * The scheduler's Graph API switch (PUT /api/accounts/{id}/api) for the fake, used by the Meta callbacks.
 * The scheduler takes on/off/true/false in any case; anything else is answered 400 as it does.
 */
final class FakeMetaRoutes {

    private FakeMetaRoutes() {}

    static boolean isApiSwitch(String method, String rest) {
        return method.equals("PUT") && rest.equals("/api");
    }

    /** The account as the scheduler answers after the switch, or null for a body it refuses. */
    static Map<String, Object> apiSwitched(Map<String, Object> account, JsonNode body) {
        String enabled = body.path("enabled").asText("").toLowerCase();
        if (!enabled.matches("on|off|true|false")) {
            return null;
        }
        account.put("apiEnabled", enabled.equals("on") || enabled.equals("true"));
        return account;
    }
}
