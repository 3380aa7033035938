package dev.storyline.console;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The calendar's routes for {@link FakeSchedulerApi}: the preview of the next picks. The planned slot the
 * fake's calendar shows has an id derived from its week, so the preview names the very slot the page shows:
 * it would likely get "memes/next-up.jpg" by the API route.
 */
public final class FakeCalendarRoutes {

    /** The medium the preview names for the planned slot. */
    public static final UUID NEXT_MEDIUM = UUID.fromString("8b0c7a51-1111-4a2b-9c3d-5e6f70818293");

    private volatile LocalDate lastFrom;
    private volatile boolean previewRefused;

    void reset() {
        lastFrom = null;
        previewRefused = false;
    }

    /** The next preview call is answered 404, as by a scheduler that does not know the route yet. */
    public void refusePreview() {
        previewRefused = true;
    }

    /** The planned slot's id in the calendar starting on {@code from}; remembered for the preview. */
    UUID plannedSlot(LocalDate from) {
        lastFrom = from;
        return UUID.nameUUIDFromBytes(("planned:" + from).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The answer to {@code GET /next-picks}: null when the route is not this one; a problem detail (String) when
     * refused; else the picks.
     */
    Object nextPicks(String method, String rest, String query) {
        if (!method.equals("GET") || !rest.equals("/next-picks")) {
            return null;
        }
        if (previewRefused) {
            return "No endpoint GET /next-picks";
        }
        String limit = query == null ? "10" : query.replaceAll(".*limit=([^&]*).*", "$1");
        if (!limit.matches("\\d{1,2}") || Integer.parseInt(limit) < 1 || Integer.parseInt(limit) > 50) {
            return "limit must be a whole number from 1 to 50";
        }
        LocalDate from = lastFrom;
        if (from == null) {
            return List.of();
        }
        Instant at = from.atTime(10, 30).atZone(ZoneId.of("Asia/Tokyo")).toInstant();
        Map<String, Object> pick = new LinkedHashMap<>();
        pick.put("slotId", plannedSlot(from));
        pick.put("slotAt", at);
        pick.put("localTime", from.atTime(10, 30));
        pick.put("slotCategory", "memes");
        pick.put("mediaId", NEXT_MEDIUM);
        pick.put("mediaPath", "memes/next-up.jpg");
        pick.put("mediaCategory", "memes");
        pick.put("route", "AUTO");
        pick.put("routeReason", "api_enabled");
        pick.put("note", null);
        return List.of(pick);
    }
}
