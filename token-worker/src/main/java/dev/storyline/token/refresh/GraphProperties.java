package dev.storyline.token.refresh;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Where and how tokens are refreshed. Instagram Login tokens go to graph.instagram.com, Facebook
 * Login tokens to graph.facebook.com with the app's id and secret (never mix them up).
 */
@Validated
@ConfigurationProperties("storyline.graph")
public record GraphProperties(
        @NotBlank(message = "set INSTAGRAM_LOGIN_GRAPH_BASE_URL (Instagram Login host, https://graph.instagram.com)")
        String instagramBaseUrl,

        @NotBlank(message = "set FACEBOOK_GRAPH_BASE_URL (https://graph.facebook.com)")
        String facebookBaseUrl,

        @NotBlank(message = "set INSTAGRAM_GRAPH_API_VERSION (e.g. v25.0)")
        String apiVersion,

        String appId,
        String appSecret,
        @NotNull Duration connectTimeout,
        @NotNull Duration requestTimeout,

        @Min(value = 1, message = "TOKEN_REFRESH_MAX_ATTEMPTS must be at least 1")
        int maxAttempts,

        @NotNull(message = "set TOKEN_REFRESH_INITIAL_BACKOFF (e.g. 2s)")
        Duration initialBackoff,

        @NotNull Duration maxBackoff) {

    public GraphProperties {
        for (String url : new String[] {instagramBaseUrl, facebookBaseUrl}) {
            if (url != null && !url.isBlank() && !URI.create(url).isAbsolute()) {
                throw new IllegalArgumentException("graph base URL '" + url + "' must be absolute (https://...)");
            }
        }
    }

    public boolean hasAppCredentials() {
        return appId != null && !appId.isBlank() && appSecret != null && !appSecret.isBlank();
    }

    @Override
    public String toString() {
        return "GraphProperties[instagramBaseUrl=" + instagramBaseUrl + ", facebookBaseUrl=" + facebookBaseUrl
                + ", apiVersion=" + apiVersion + ", appId=" + appId + ", appSecret="
                + (appSecret == null || appSecret.isBlank() ? "<unset>" : "<set>")
                + ", maxAttempts=" + maxAttempts + "]";
    }
}
