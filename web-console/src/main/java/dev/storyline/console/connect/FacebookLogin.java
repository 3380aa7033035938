package dev.storyline.console.connect;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Facebook Login for Business: the person signs in with Facebook, and the token reaches the Instagram
 * professional accounts linked to the Facebook Pages they manage. Code to user token, to long-lived token, the
 * granted permissions, then the Pages with their Instagram accounts.
 */
@Component
class FacebookLogin {

    static final String SCOPES =
            "instagram_basic,instagram_content_publish,pages_show_list," + "pages_read_engagement,business_management";

    private final ConnectProperties properties;
    private final MetaHttp meta;
    private final Clock clock;

    FacebookLogin(ConnectProperties properties, MetaHttp meta, Clock clock) {
        this.properties = properties;
        this.meta = meta;
        this.clock = clock;
    }

    String dialog(String state) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("client_id", properties.appId());
        q.put("redirect_uri", properties.redirectUri());
        q.put("state", state);
        q.put("response_type", "code");
        q.put("scope", SCOPES);
        return MetaHttp.base(properties.oauthDialogBaseUrl()) + "/" + properties.graphVersion() + "/dialog/oauth?"
                + MetaHttp.query(q);
    }

    Grant complete(String code) {
        String graph = MetaHttp.base(properties.graphBaseUrl()) + "/" + properties.graphVersion();
        Map<String, String> q = new LinkedHashMap<>();
        q.put("client_id", properties.appId());
        q.put("client_secret", properties.appSecret());
        q.put("redirect_uri", properties.redirectUri());
        q.put("code", code);
        Grant.Secret user = Permissions.token(meta.get("the sign-in code", graph + "/oauth/access_token", q));

        Map<String, String> exchange = new LinkedHashMap<>();
        exchange.put("grant_type", "fb_exchange_token");
        exchange.put("client_id", properties.appId());
        exchange.put("client_secret", properties.appSecret());
        exchange.put("fb_exchange_token", user.value());
        JsonNode longLived = meta.get("the long-lived token", graph + "/oauth/access_token", exchange);
        Grant.Secret secret = Permissions.token(longLived);

        JsonNode permissions =
                meta.get("the permission check", graph + "/me/permissions", Map.of("access_token", secret.value()));
        List<String> scopes = new ArrayList<>();
        for (JsonNode p : permissions.path("data")) {
            if ("granted".equals(p.path("status").asText())) {
                scopes.add(p.path("permission").asText());
            }
        }
        Permissions.requirePublish(LoginType.FACEBOOK, scopes);

        Map<String, String> pages = new LinkedHashMap<>();
        pages.put("fields", "name,instagram_business_account{id,username,profile_picture_url}");
        pages.put("limit", "100");
        pages.put("access_token", secret.value());
        List<Grant.Discovered> found = new ArrayList<>();
        for (JsonNode page :
                meta.get("the list of Pages", graph + "/me/accounts", pages).path("data")) {
            JsonNode ig = page.path("instagram_business_account");
            if (ig.path("id").asText("").matches("[0-9]{1,32}")) {
                found.add(new Grant.Discovered(
                        ig.path("id").asText(),
                        ig.path("username").asText(null),
                        page.path("name").asText(null)));
            }
        }
        return new Grant(LoginType.FACEBOOK, secret, Permissions.expiry(longLived, clock), scopes, List.copyOf(found));
    }
}
