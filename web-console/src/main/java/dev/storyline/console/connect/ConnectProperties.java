package dev.storyline.console.connect;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The Meta app the console signs people in with, where Meta and token-worker answer, and the console's own
 * public address. Without an app id and secret the console still starts: Connect is hidden and the page says
 * which variables to set. Half a configuration (an id without its secret, a secret without a public URL) is
 * refused at start-up instead, since it could only fail later in front of a person.
 */
@Validated
@ConfigurationProperties("storyline.console.connect")
public record ConnectProperties(
        @Pattern(
                regexp = "|[0-9]{1,32}",
                message = "META_APP_ID must be the app's numeric id from Meta's App Dashboard")
        String appId,

        String appSecret,

        @Pattern(
                regexp = "|[0-9]{1,32}",
                message = "INSTAGRAM_APP_ID must be the numeric Instagram app id (App Dashboard, Instagram product)")
        String instagramAppId,

        String instagramAppSecret,

        @NotBlank(message = "set META_GRAPH_VERSION, e.g. v23.0")
        @Pattern(regexp = "v[0-9]{1,3}\\.[0-9]{1,2}", message = "META_GRAPH_VERSION must look like v23.0")
        String graphVersion,

        @NotBlank(message = "set META_OAUTH_DIALOG_BASE_URL, e.g. https://www.facebook.com")
        @Pattern(regexp = URL, message = "META_OAUTH_DIALOG_BASE_URL must be an http(s) URL")
        String oauthDialogBaseUrl,

        @NotBlank(message = "set META_GRAPH_BASE_URL, e.g. https://graph.facebook.com")
        @Pattern(regexp = URL, message = "META_GRAPH_BASE_URL must be an http(s) URL")
        String graphBaseUrl,

        @NotBlank(message = "set INSTAGRAM_OAUTH_BASE_URL, e.g. https://www.instagram.com")
        @Pattern(regexp = URL, message = "INSTAGRAM_OAUTH_BASE_URL must be an http(s) URL")
        String instagramOauthBaseUrl,

        @NotBlank(message = "set INSTAGRAM_API_BASE_URL, e.g. https://api.instagram.com")
        @Pattern(regexp = URL, message = "INSTAGRAM_API_BASE_URL must be an http(s) URL")
        String instagramApiBaseUrl,

        @NotBlank(message = "set INSTAGRAM_GRAPH_BASE_URL, e.g. https://graph.instagram.com")
        @Pattern(regexp = URL, message = "INSTAGRAM_GRAPH_BASE_URL must be an http(s) URL")
        String instagramGraphBaseUrl,

        @Pattern(
                regexp = "|" + URL,
                message = "CONSOLE_PUBLIC_URL must be the console's http(s) address as people open it")
        String publicUrl,

        @Pattern(regexp = "|" + URL, message = "TOKEN_WORKER_URL must be an http(s) URL, e.g. http://token-worker:8084")
        String tokenWorkerUrl,

        @NotNull(message = "set META_REQUEST_TIMEOUT, e.g. 10s")
        Duration requestTimeout) {

    private static final String URL = "https?://[^\\s/?#]+(/[^\\s?#]*)?";

    /** The path Meta sends people back to; register CONSOLE_PUBLIC_URL + this in the app. */
    public static final String CALLBACK_PATH = "/connect/callback";

    @AssertTrue(
            message = "META_APP_SECRET is required with META_APP_ID (and INSTAGRAM_APP_SECRET with INSTAGRAM_APP_ID)")
    public boolean isSecretGivenWithId() {
        return blank(appId) == blank(appSecret) && blank(instagramAppId) == blank(instagramAppSecret);
    }

    @AssertTrue(
            message =
                    "CONSOLE_PUBLIC_URL and TOKEN_WORKER_URL are required once META_APP_ID or INSTAGRAM_APP_ID is set")
    public boolean isReachableWhenConfigured() {
        return !(facebookLogin() || instagramLogin()) || (!blank(publicUrl) && !blank(tokenWorkerUrl));
    }

    public boolean facebookLogin() {
        return !blank(appId) && !blank(appSecret);
    }

    public boolean instagramLogin() {
        return !blank(instagramAppId) && !blank(instagramAppSecret);
    }

    public boolean configured() {
        return (facebookLogin() || instagramLogin()) && !blank(publicUrl) && !blank(tokenWorkerUrl);
    }

    /** Built from configuration only: a request's Host header never decides where Meta sends the code. */
    public String redirectUri() {
        return publicUrl.replaceAll("/+$", "") + CALLBACK_PATH;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    @Override
    public String toString() {
        return "ConnectProperties[appId=" + appId + ", appSecret=<redacted>, instagramAppId=" + instagramAppId
                + ", instagramAppSecret=<redacted>, graphVersion=" + graphVersion + ", publicUrl=" + publicUrl
                + ", tokenWorkerUrl=" + tokenWorkerUrl + "]";
    }
}
