package dev.storyline.token.ingest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** The environment-configured account's token (the one-account setup). */
@Validated
@ConfigurationProperties("storyline.account")
public record EnvTokenProperties(
        @NotBlank(message = "set STORYLINE_ACCOUNT_ID")
        @Pattern(
                regexp = "[a-z0-9][a-z0-9_-]{0,62}",
                message = "STORYLINE_ACCOUNT_ID must be lower-case letters, digits, - or _")
        String id,

        String instagramUserId,
        String accessToken,

        @Pattern(
                regexp = "(?i)instagram_login|facebook_login",
                message = "INSTAGRAM_LOGIN_TYPE must be instagram_login or facebook_login")
        String loginType) {

    public boolean hasToken() {
        return accessToken != null && !accessToken.isBlank();
    }

    @Override
    public String toString() {
        return "EnvTokenProperties[id=" + id + ", instagramUserId=" + instagramUserId + ", accessToken="
                + (hasToken() ? "<set>" : "<unset>") + ", loginType=" + loginType + "]";
    }
}
