package dev.storyline.console.calendar;

import dev.storyline.console.manual.WaitingPost;
import dev.storyline.console.scheduler.SchedulerApi.SlotEvent;
import dev.storyline.console.scheduler.SchedulerApi.SlotStory;
import dev.storyline.console.web.Media;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** One slot's page as it is laid out: its state and medium, and its timeline at the account's local times. */
public record SlotPage(
        UUID id,
        String when,
        java.time.LocalDate day,
        SlotStatus status,
        UUID mediaId,
        String medium,
        String mediaPath,
        String category,
        String route,
        String routeReason,
        String fallbackReason,
        String storyId,
        String decidedBy,
        String note,
        List<Step> steps) {

    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("EEEE d MMMM yyyy, HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("d MMM, HH:mm:ss", Locale.ENGLISH);

    /** One event: when (local), what in words, the scheduler's detail, who and through which face. */
    public record Step(String at, String what, String detail, String by, String via, SlotStatus colour) {}

    static SlotPage of(SlotStory slot, ZoneId zone) {
        List<Step> steps = slot.events() == null
                ? List.of()
                : slot.events().stream().map(e -> step(e, zone)).toList();
        return new SlotPage(
                slot.id(),
                slot.localTime() == null ? "" : slot.localTime().format(WHEN),
                slot.localTime() == null ? null : slot.localTime().toLocalDate(),
                SlotStatus.of(slot.status(), slot.outcome()),
                slot.mediaId(),
                Media.name(slot.mediaPath()),
                slot.mediaPath(),
                slot.category(),
                route(slot.route()),
                "MANUAL".equals(slot.route()) && slot.fallbackReason() == null
                        ? WaitingPost.why(slot.routeReason(), null)
                        : words(slot.routeReason()),
                slot.fallbackReason() == null ? null : words(slot.fallbackReason()),
                slot.storyId(),
                slot.outcomeBy(),
                slot.note(),
                steps);
    }

    private static Step step(SlotEvent event, ZoneId zone) {
        return new Step(
                event.at() == null ? "" : event.at().atZone(zone).format(AT),
                what(event.type()),
                event.detail(),
                event.by(),
                face(event.via()),
                colour(event.type()));
    }

    static String route(String route) {
        if (route == null) {
            return null;
        }
        return "MANUAL".equals(route) ? "by hand (Telegram)" : "automatic (Instagram API)";
    }

    /** The scheduler's event type in words; one it added later shows as it came, in lower case. */
    static String what(String type) {
        return switch (type == null ? "" : type) {
            case "PLANNED" -> "Planned";
            case "RESCHEDULED" -> "Moved";
            case "DISPATCHED" -> "Dispatched";
            case "FELL_BACK" -> "Handed to a person";
            case "HANDED_BACK" -> "Handed back to the Instagram API";
            case "STUCK" -> "No outcome yet: reported to the admins";
            case "PUBLISHED" -> "Published";
            case "POSTED_MANUALLY" -> "Posted by hand";
            case "SKIPPED" -> "Skipped";
            case "REJECTED" -> "Rejected";
            case "FAILED" -> "Failed";
            case "MISSED" -> "Missed";
            case "EMPTY" -> "Left empty: nothing to post";
            default -> type == null ? "" : words(type);
        };
    }

    /** The face a person used, as people name it. */
    static String face(String via) {
        return switch (via == null ? "" : via) {
            case "" -> null;
            case "telegram" -> "Telegram";
            case "web-console" -> "web console";
            case "cli" -> "CLI";
            case "admin-api" -> "admin API";
            default -> via;
        };
    }

    private static SlotStatus colour(String type) {
        return switch (type == null ? "" : type) {
            case "PLANNED", "RESCHEDULED" -> SlotStatus.PLANNED;
            case "DISPATCHED", "HANDED_BACK" -> SlotStatus.IN_FLIGHT;
            case "FELL_BACK", "STUCK" -> SlotStatus.WAITING;
            case "PUBLISHED" -> SlotStatus.PUBLISHED;
            case "POSTED_MANUALLY" -> SlotStatus.POSTED_BY_HAND;
            case "SKIPPED" -> SlotStatus.SKIPPED;
            case "REJECTED" -> SlotStatus.REJECTED;
            case "FAILED" -> SlotStatus.FAILED;
            case "MISSED", "EMPTY" -> SlotStatus.MISSED;
            default -> SlotStatus.UNKNOWN;
        };
    }

    private static String words(String code) {
        return code == null ? null : code.toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
