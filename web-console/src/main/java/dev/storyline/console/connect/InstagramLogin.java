package dev.storyline.console.connect;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Instagram API with Instagram Login: the person signs in to the professional account itself. Code to
 * short-lived token (api.instagram.com), to long-lived token (graph.instagram.com), then the profile for the
 * Instagram user id that publishing uses.
 */
@Component
class InstagramLogin {

    static final String SCOPES = "instagram_business_basic,instagram_business_content_publish";

    private final ConnectProperties properties;
    private final MetaHttp meta;
    private final Clock clock;

    InstagramLogin(ConnectProperties properties, MetaHttp meta, Clock clock) {
        this.properties = properties;
        this.meta = meta;
        this.clock = clock;
    }

    String dialog(String state) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("client_id", properties.instagramAppId());
        q.put("redirect_uri", properties.redirectUri());
        q.put("response_type", "code");
        q.put("scope", SCOPES);
        q.put("state", state);
        return MetaHttp.base(properties.instagramOauthBaseUrl()) + "/oauth/authorize?" + MetaHttp.query(q);
    }

    Grant complete(String code) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("client_id", properties.instagramAppId());
        form.put("client_secret", properties.instagramAppSecret());
        form.put("grant_type", "authorization_code");
        form.put("redirect_uri", properties.redirectUri());
        form.put("code", code);
        JsonNode answer = meta.postForm(
                "the sign-in code", MetaHttp.base(properties.instagramApiBaseUrl()) + "/oauth/access_token", form);
        // documented both as {"data": [{...}]} and flat
        JsonNode shortLived =
                answer.path("data").isArray() ? answer.path("data").path(0) : answer;
        String token = shortLived.path("access_token").asText("");
        if (token.isBlank()) {
            throw new MetaException("Meta answered the sign-in code without a token. Nothing was changed.");
        }
        List<String> scopes = Permissions.listed(shortLived.path("permissions"));
        Permissions.requirePublish(LoginType.INSTAGRAM, scopes);

        Map<String, String> exchange = new LinkedHashMap<>();
        exchange.put("grant_type", "ig_exchange_token");
        exchange.put("client_secret", properties.instagramAppSecret());
        exchange.put("access_token", token);
        String graph = MetaHttp.base(properties.instagramGraphBaseUrl());
        JsonNode longLived = meta.get("the long-lived token", graph + "/access_token", exchange);
        Grant.Secret secret = Permissions.token(longLived);

        JsonNode me = meta.get(
                "the profile", graph + "/me", Map.of("fields", "user_id,username", "access_token", secret.value()));
        String userId = me.path("user_id").asText(me.path("id").asText(""));
        if (!userId.matches("[0-9]{1,32}")) {
            throw new MetaException("Meta did not tell the Instagram user id of this account. Nothing was changed.");
        }
        return new Grant(
                LoginType.INSTAGRAM,
                secret,
                Permissions.expiry(longLived, clock),
                scopes,
                List.of(new Grant.Discovered(userId, me.path("username").asText(null), null)));
    }
}
