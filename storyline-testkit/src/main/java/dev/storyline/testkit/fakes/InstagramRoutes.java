package dev.storyline.testkit.fakes;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Instagram Login's endpoints of {@link FakeMeta}: api.instagram.com's code exchange, graph.instagram.com's rest. */
public final class InstagramRoutes {

    public static final String SHORT_TOKEN = "IGAAshort-lived-instagram-token";

    private InstagramRoutes() {}

    /** {@code POST /oauth/access_token} (form). */
    static void code(FakeMeta meta, HttpExchange exchange, Map<String, String> form) throws IOException {
        if (!FakeMeta.IG_APP_ID.equals(form.get("client_id"))
                || !FakeMeta.IG_APP_SECRET.equals(form.get("client_secret"))) {
            // the Instagram API's own error shape
            meta.send(
                    exchange,
                    400,
                    Map.of("error_type", "OAuthException", "code", 400, "error_message", "Invalid platform app"));
            return;
        }
        if (!"authorization_code".equals(form.get("grant_type")) || !meta.registered(form.get("redirect_uri"))) {
            meta.send(
                    exchange,
                    400,
                    Map.of(
                            "error_type",
                            "OAuthException",
                            "code",
                            400,
                            "error_message",
                            "Error validating verification code. Please make sure your redirect_uri is identical to "
                                    + "the one you used in the OAuth dialog request"));
            return;
        }
        if (!meta.redeem(form.get("code"), "instagram")) {
            meta.send(
                    exchange,
                    400,
                    Map.of(
                            "error_type",
                            "OAuthException",
                            "code",
                            400,
                            "error_message",
                            "This authorization code has been used"));
            return;
        }
        Map<String, Object> token = new LinkedHashMap<>();
        token.put("access_token", SHORT_TOKEN);
        token.put("user_id", "26000000000000001");
        token.put(
                "permissions",
                meta.granted().stream()
                        .filter(p -> p.startsWith("instagram_business_"))
                        .sorted()
                        .collect(Collectors.joining(",")));
        meta.send(exchange, 200, meta.wrapped() ? Map.of("data", List.of(token)) : token);
    }

    /** {@code GET /access_token?grant_type=ig_exchange_token}. */
    static void exchange(FakeMeta meta, HttpExchange exchange, Map<String, String> q) throws IOException {
        if (!"ig_exchange_token".equals(q.get("grant_type"))
                || !FakeMeta.IG_APP_SECRET.equals(q.get("client_secret"))) {
            meta.error(exchange, 101, "Error validating client secret.", null, null);
            return;
        }
        if (!SHORT_TOKEN.equals(q.get("access_token"))) {
            meta.error(exchange, 190, "Invalid OAuth access token - Cannot parse access token", null, null);
            return;
        }
        meta.send(
                exchange,
                200,
                Map.of(
                        "access_token",
                        FakeMeta.IG_LONG_TOKEN,
                        "token_type",
                        "bearer",
                        "expires_in",
                        FakeMeta.LONG_LIVED_SECONDS));
    }

    /** {@code GET /me?fields=user_id,username}. */
    static void profile(FakeMeta meta, HttpExchange exchange, Map<String, String> q) throws IOException {
        if (!FakeMeta.IG_LONG_TOKEN.equals(q.get("access_token"))) {
            meta.error(exchange, 190, "Invalid OAuth access token - Cannot parse access token", null, null);
            return;
        }
        meta.send(
                exchange,
                200,
                Map.of(
                        "user_id", meta.instagramUserId(),
                        "username", meta.instagramUsername(),
                        "id", "26000000000000001"));
    }
}
