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
 * The calendar's routes for {@link FakeSchedulerApi}: the preview of the next picks and one slot's story. The
 * planned slot the fake's calendar shows has an id derived from its week, so the preview names the very slot the
 * page shows: it would likely get "memes/next-up.jpg" by the API route. The published and the posted-by-hand slot
 * of every week are {@link #PUBLISHED_SLOT} and {@link #BY_HAND_SLOT}, whose stories the fake tells.
 */
public final class FakeCalendarRoutes {

    /** The medium the preview names for the planned slot. */
    public static final UUID NEXT_MEDIUM = UUID.fromString("8b0c7a51-1111-4a2b-9c3d-5e6f70818293");

    /** Published by the API as Story 17999000111, on Tuesday 2 June 2026 at 09:00 in Tokyo. */
    public static final UUID PUBLISHED_SLOT = UUID.fromString("0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9");

    /**
     * Dispatched to the API, handed to a person after Meta throttled the account, posted by hand by mia through
     * the web console; Tuesday 2 June 2026 at 15:00 in Tokyo.
     */
    public static final UUID BY_HAND_SLOT = UUID.fromString("1c2d3e4f-5061-4728-93a4-b5c6d7e8f90a");

    /** The medium of {@link #BY_HAND_SLOT}, whose thumbnail the slot page shows. */
    public static final UUID BY_HAND_MEDIUM = UUID.fromString("2d3e4f50-6172-4839-a4b5-c6d7e8f90a1b");

    private static final java.util.regex.Pattern SLOT = java.util.regex.Pattern.compile("/slots/([^/]+)");

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

    /**
     * The answer to {@code GET /slots/{slot}}: null when the route is not this one; 400 for an id that is no UUID,
     * 404 for a slot the fake does not know, as the scheduler answers.
     */
    FakeAccountRoutes.Answer slot(String method, String rest) {
        java.util.regex.Matcher m = SLOT.matcher(rest);
        if (!method.equals("GET") || !m.matches()) {
            return null;
        }
        UUID id;
        try {
            id = UUID.fromString(m.group(1));
        } catch (IllegalArgumentException e) {
            return new FakeAccountRoutes.Answer(
                    400, "slot must be a UUID such as 3f2b8c1e-0000-4000-8000-000000000000");
        }
        ZoneId tokyo = ZoneId.of("Asia/Tokyo");
        if (id.equals(PUBLISHED_SLOT)) {
            java.time.ZonedDateTime at = LocalDate.of(2026, 6, 2).atTime(9, 0).atZone(tokyo);
            Map<String, Object> slot = story(id, at, "PUBLISHED", "memes/cat-in-a-box.jpg", "AUTO", "api_enabled");
            slot.put("outcome", "PUBLISHED");
            slot.put("storyId", "17999000111");
            slot.put(
                    "events",
                    List.of(
                            event(at.minusDays(6), "PLANNED", "planned for memes", null, null),
                            event(at, "DISPATCHED", "AUTO (api_enabled): memes/cat-in-a-box.jpg", null, null),
                            event(at.plusMinutes(1), "PUBLISHED", "story 17999000111", "instagram_api", null)));
            return new FakeAccountRoutes.Answer(200, slot);
        }
        if (id.equals(BY_HAND_SLOT)) {
            java.time.ZonedDateTime at = LocalDate.of(2026, 6, 2).atTime(15, 0).atZone(tokyo);
            Map<String, Object> slot = story(id, at, "RESOLVED", "merch/hoodie.png", "MANUAL", "api_enabled");
            slot.put("mediaId", BY_HAND_MEDIUM);
            slot.put("fallbackReason", "RATE_LIMITED");
            slot.put("note", "fallback RATE_LIMITED: Meta says: slow down");
            slot.put("outcome", "POSTED_MANUALLY");
            slot.put("outcomeBy", "mia@example.com");
            slot.put(
                    "events",
                    List.of(
                            event(at.minusDays(6), "PLANNED", "planned for merch", null, null),
                            event(at, "DISPATCHED", "AUTO (api_enabled): merch/hoodie.png", null, null),
                            event(
                                    at.plusSeconds(40),
                                    "FELL_BACK",
                                    "RATE_LIMITED: Meta says: <b>slow down</b>",
                                    null,
                                    null),
                            event(at.plusMinutes(25), "POSTED_MANUALLY", null, "mia@example.com", "web-console")));
            return new FakeAccountRoutes.Answer(200, slot);
        }
        return new FakeAccountRoutes.Answer(404, "no slot " + id + " in account 'default'");
    }

    private static Map<String, Object> story(
            UUID id, java.time.ZonedDateTime at, String status, String media, String route, String reason) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("id", id);
        s.put("slotAt", at.toInstant());
        s.put("localTime", at.toLocalDateTime());
        s.put("category", media.substring(0, media.indexOf('/')));
        s.put("status", status);
        s.put("mediaId", null);
        s.put("mediaPath", media);
        s.put("route", route);
        s.put("routeReason", reason);
        s.put("fallbackReason", null);
        s.put("note", null);
        s.put("outcome", null);
        s.put("outcomeBy", null);
        s.put("storyId", null);
        return s;
    }

    private static Map<String, Object> event(
            java.time.ZonedDateTime at, String type, String detail, String by, String via) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("at", at.toInstant());
        e.put("type", type);
        e.put("detail", detail);
        e.put("by", by);
        e.put("via", via);
        return e;
    }
}
