package dev.storyline.testkit.fakes;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/** Facebook Login for Business's Graph endpoints of {@link FakeMeta}, under {@code /{version}}. */
public final class FacebookRoutes {

    public static final String SHORT_TOKEN = "EAAshort-lived-facebook-token";
    /** The Instagram professional accounts of the Pages Facebook Login discovers. */
    public static final String COFFEE_IG_USER = "17841400000000011";

    public static final String TEA_IG_USER = "17841400000000012";

    private FacebookRoutes() {}

    static void route(FakeMeta meta, HttpExchange exchange, String path, Map<String, String> q) throws IOException {
        switch (path) {
            case "/oauth/access_token" -> token(meta, exchange, q);
            case "/me/permissions" -> {
                if (authorized(meta, exchange, q)) {
                    meta.send(
                            exchange,
                            200,
                            Map.of(
                                    "data",
                                    meta.granted().stream()
                                            .filter(p -> !p.startsWith("instagram_business_"))
                                            .sorted()
                                            .map(p -> Map.of("permission", p, "status", "granted"))
                                            .toList()));
                }
            }
            case "/me/accounts" -> {
                if (authorized(meta, exchange, q)) {
                    meta.send(exchange, 200, pages(q.getOrDefault("fields", "")));
                }
            }
            default -> meta.error(exchange, 2500, "Unknown path components: " + path, null, null);
        }
    }

    private static void token(FakeMeta meta, HttpExchange exchange, Map<String, String> q) throws IOException {
        if (!FakeMeta.APP_ID.equals(q.get("client_id")) || !FakeMeta.APP_SECRET.equals(q.get("client_secret"))) {
            meta.error(exchange, 101, "Error validating client secret.", null, null);
            return;
        }
        if ("fb_exchange_token".equals(q.get("grant_type"))) {
            if (!SHORT_TOKEN.equals(q.get("fb_exchange_token"))) {
                meta.error(exchange, 190, "Invalid OAuth access token - Cannot parse access token", null, null);
                return;
            }
            meta.send(
                    exchange,
                    200,
                    Map.of(
                            "access_token",
                            FakeMeta.FB_LONG_TOKEN,
                            "token_type",
                            "bearer",
                            "expires_in",
                            FakeMeta.LONG_LIVED_SECONDS));
            return;
        }
        if (!meta.registered(q.get("redirect_uri"))) {
            meta.error(
                    exchange,
                    100,
                    "Error validating verification code. Please make sure your redirect_uri is identical to the one "
                            + "you used in the OAuth dialog request",
                    36008,
                    null);
            return;
        }
        if (!meta.redeem(q.get("code"), "facebook")) {
            meta.error(exchange, 100, "This authorization code has been used.", 36007, null);
            return;
        }
        meta.send(exchange, 200, Map.of("access_token", SHORT_TOKEN, "token_type", "bearer", "expires_in", 5183));
    }

    private static boolean authorized(FakeMeta meta, HttpExchange exchange, Map<String, String> q) throws IOException {
        if (FakeMeta.FB_LONG_TOKEN.equals(q.get("access_token"))) {
            return true;
        }
        meta.error(exchange, 190, "Invalid OAuth access token - Cannot parse access token", null, null);
        return false;
    }

    /** Three Pages: two with an Instagram professional account, one without. */
    private static Map<String, Object> pages(String fields) {
        boolean withInstagram = fields.contains("instagram_business_account{id,username");
        return Map.of(
                "data",
                List.of(
                        page("Acme Coffee", "101", withInstagram ? ig(COFFEE_IG_USER, "acme_coffee") : null),
                        page("Acme Jobs", "102", null),
                        page("Acme Tea", "103", withInstagram ? ig(TEA_IG_USER, "acme_tea") : null)),
                "paging",
                Map.of("cursors", Map.of("before", "QVFIUjBl", "after", "QVFIUmxt")));
    }

    private static Map<String, Object> page(String name, String id, Map<String, Object> ig) {
        java.util.LinkedHashMap<String, Object> page = new java.util.LinkedHashMap<>();
        page.put("name", name);
        if (ig != null) {
            page.put("instagram_business_account", ig);
        }
        page.put("id", id);
        return page;
    }

    private static Map<String, Object> ig(String id, String username) {
        return Map.of("id", id, "username", username, "profile_picture_url", "https://scontent.example/" + id + ".jpg");
    }
}
