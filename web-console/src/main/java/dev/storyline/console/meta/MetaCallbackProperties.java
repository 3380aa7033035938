package dev.storyline.console.meta;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Meta's callbacks: the app secret that signs them (META_APP_SECRET), the console's address as Meta and
 * people reach it (CONSOLE_PUBLIC_URL, for the deletion status link) and where token-worker's admin API is.
 * An unset secret leaves the two callbacks answering 503 rather than stopping the console: it stays usable
 * before the Meta app exists. Live, a secret too short to be Meta's is refused at start.
 */
@Validated
@ConfigurationProperties("storyline.console.meta-callbacks")
public record MetaCallbackProperties(
        String appSecret,

        @NotBlank(message = "set CONSOLE_PUBLIC_URL, e.g. https://console.example.com")
        @Pattern(
                regexp = "https?://[^\\s/?#]+(/[^\\s?#]*)?",
                message = "CONSOLE_PUBLIC_URL must be an http(s) URL without query, e.g. https://console.example.com")
        String publicUrl,

        @NotBlank(message = "set TOKEN_WORKER_URL, e.g. http://token-worker:8084")
        @Pattern(
                regexp = "https?://\\S+",
                message = "TOKEN_WORKER_URL must be an http(s) URL, e.g. http://token-worker:8084")
        String tokenWorkerUrl,

        boolean dryRun) {

    /** Meta's app secrets are 32 hex characters; anything shorter is a typo or a placeholder. */
    static final int MIN_LIVE_SECRET = 32;

    public boolean configured() {
        return appSecret != null && !appSecret.isBlank();
    }

    /** The link without a trailing slash, so "/meta/..." can follow it. */
    public String publicBase() {
        return publicUrl.replaceAll("/+$", "");
    }

    @AssertTrue(
            message = "META_APP_SECRET is shorter than 32 characters; with DRY_RUN=false set the app secret"
                    + " from the Meta app's Basic settings (or leave it unset to keep the callbacks off)")
    public boolean isSecretFitForLive() {
        return dryRun || !configured() || appSecret.strip().length() >= MIN_LIVE_SECRET;
    }

    /** Meta only calls and links https addresses; http is for the demo and the tests. */
    @AssertTrue(message = "CONSOLE_PUBLIC_URL must start with https:// when DRY_RUN=false and META_APP_SECRET is set")
    public boolean isPublicUrlHttpsForLive() {
        return dryRun || !configured() || publicUrl == null || publicUrl.startsWith("https://");
    }

    @Override
    public String toString() {
        return "MetaCallbackProperties[appSecret=" + (configured() ? "<redacted>" : "<unset>") + ", publicUrl="
                + publicUrl + ", tokenWorkerUrl=" + tokenWorkerUrl + ", dryRun=" + dryRun + "]";
    }
}
