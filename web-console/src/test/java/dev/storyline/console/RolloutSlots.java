package dev.storyline.console;

import java.util.Map;

/** The fake scheduler's slots for the gradual roll-out: one sent to Telegram once the day's API posts were used. */
final class RolloutSlots {

    private RolloutSlots() {}

    static Map<String, Object> waiting(Map<String, Object> slot) {
        slot.put("route", "MANUAL");
        slot.put("routeReason", "rollout_limit");
        return slot;
    }
}
