package dev.storyline.console.connect;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConnectPropertiesTest {

    private final Validator validator =
            Validation.buildDefaultValidatorFactory().getValidator();

    private static ConnectProperties with(
            String appId, String secret, String publicUrl, String tokenWorker, String dialogBase) {
        return new ConnectProperties(
                appId,
                secret,
                "",
                "",
                "v23.0",
                dialogBase,
                "https://graph.facebook.com",
                "https://www.instagram.com",
                "https://api.instagram.com",
                "https://graph.instagram.com",
                publicUrl,
                tokenWorker,
                Duration.ofSeconds(10));
    }

    private List<String> problems(ConnectProperties p) {
        return validator.validate(p).stream()
                .map(ConstraintViolation::getMessage)
                .sorted()
                .toList();
    }

    @Test
    void no_app_at_all_is_a_valid_console_without_connect() {
        ConnectProperties none = with("", "", "", "", "https://www.facebook.com");
        assertThat(problems(none)).isEmpty();
        assertThat(none.configured()).isFalse();
    }

    @Test
    void an_app_id_without_its_secret_or_public_url_is_refused_naming_the_variables() {
        assertThat(problems(with("123", "", "", "", "https://www.facebook.com")))
                .anySatisfy(m -> assertThat(m).contains("META_APP_SECRET is required with META_APP_ID"));
        assertThat(problems(with("123", "secret", "", "", "https://www.facebook.com")))
                .anySatisfy(m -> assertThat(m).contains("CONSOLE_PUBLIC_URL and TOKEN_WORKER_URL are required"));
    }

    @Test
    void malformed_ids_and_urls_are_refused_naming_the_variable() {
        assertThat(problems(with("my-app", "s", "console.example", "http://t:8084", "www.facebook.com")))
                .anySatisfy(m -> assertThat(m).startsWith("META_APP_ID must be"))
                .anySatisfy(m -> assertThat(m).startsWith("CONSOLE_PUBLIC_URL must be"))
                .anySatisfy(m -> assertThat(m).startsWith("META_OAUTH_DIALOG_BASE_URL must be"));
    }

    @Test
    void the_redirect_uri_is_the_public_url_and_the_callback_path_and_secrets_stay_out_of_to_string() {
        ConnectProperties p = with("123", "top-secret", "https://console.example/", "http://t:8084", "https://x");
        assertThat(p.redirectUri()).isEqualTo("https://console.example/connect/callback");
        assertThat(p.toString()).doesNotContain("top-secret");
        assertThat(new Grant.Secret("EAA-token").toString()).doesNotContain("EAA-token");
    }
}
