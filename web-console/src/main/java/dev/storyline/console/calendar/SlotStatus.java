package dev.storyline.console.calendar;

import dev.storyline.console.scheduler.SchedulerApi.Slot;

/**
 * A slot's state as the calendar names it: a colour (css class) and always a text label, so the state
 * never depends on telling colours apart. A finished post is named by its recorded outcome.
 */
public enum SlotStatus {
    PLANNED("planned", "planned"),
    IN_FLIGHT("in flight", "in-flight"),
    WAITING("waiting for a person", "waiting"),
    PUBLISHED("published", "published"),
    POSTED_BY_HAND("posted by hand", "by-hand"),
    SKIPPED("skipped", "skipped"),
    REJECTED("rejected", "rejected"),
    MISSED("missed", "missed"),
    FAILED("failed", "failed"),
    UNKNOWN("unknown", "unknown");

    private final String label;
    private final String css;

    SlotStatus(String label, String css) {
        this.label = label;
        this.css = css;
    }

    public String label() {
        return label;
    }

    public String css() {
        return "status-" + css;
    }

    static SlotStatus of(Slot slot) {
        return of(slot.status(), slot.outcome());
    }

    static SlotStatus of(String status, String outcome) {
        if (outcome != null) {
            return switch (outcome) {
                case "PUBLISHED" -> PUBLISHED;
                case "POSTED_MANUALLY" -> POSTED_BY_HAND;
                case "SKIPPED" -> SKIPPED;
                case "REJECTED" -> REJECTED;
                case "FAILED" -> FAILED;
                default -> UNKNOWN;
            };
        }
        return switch (status == null ? "" : status) {
            case "PLANNED" -> PLANNED;
            case "DISPATCHED" -> IN_FLIGHT;
            case "MANUAL_PENDING" -> WAITING;
            case "PUBLISHED" -> PUBLISHED;
            // went out with nothing to post, or the scheduler reached it too late: either way not posted
            case "MISSED", "EMPTY" -> MISSED;
            case "FAILED" -> FAILED;
            default -> UNKNOWN;
        };
    }
}
