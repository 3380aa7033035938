package dev.storyline.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.storyline.testkit.IsolatedInfrastructure;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.NestedExceptionUtils;

/** A service without a usable TOKEN_ENCRYPTION_KEYS must not start: it could neither store nor read a token. */
@ExtendWith(OutputCaptureExtension.class)
class StartupFailureTest {

    private static final String SHORT_KEY = Base64.getEncoder().encodeToString("sixteen-byte-key".getBytes());
    private static final String GOOD_KEY = TestKeys.key((byte) 9);

    /** As command-line arguments: builder properties() are defaults, which rank below storyline-defaults.yml. */
    private static String[] arguments(String keys) {
        List<String> properties = new ArrayList<>();
        IsolatedInfrastructure.forClass(StartupFailureTest.class)
                .springProperties()
                .forEach((key, value) -> properties.add("--" + key + "=" + value));
        properties.add("--storyline.token.loops-enabled=false");
        properties.add("--storyline.crypto.encryption-keys=" + keys);
        properties.add("--spring.rabbitmq.listener.simple.auto-startup=false");
        return properties.toArray(String[]::new);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "k1", "k1:not@base64", "k1:SHORT", "k1:GOOD,k1:GOOD", ":GOOD"})
    void refuses_to_start_with_a_missing_or_malformed_key_naming_TOKEN_ENCRYPTION_KEYS(
            String spec, CapturedOutput output) {
        String keys = spec.replace("SHORT", SHORT_KEY).replace("GOOD", GOOD_KEY);
        assertThatThrownBy(() -> new SpringApplicationBuilder(TokenWorkerApplication.class)
                        .web(WebApplicationType.NONE)
                        .run(arguments(keys)))
                .satisfies(e -> assertThat(
                                NestedExceptionUtils.getMostSpecificCause(e).getMessage() + " | " + e.getMessage())
                        .contains("TOKEN_ENCRYPTION_KEYS"));
        assertThat(output.getAll())
                .contains("TOKEN_ENCRYPTION_KEYS")
                .doesNotContain(GOOD_KEY)
                .doesNotContain(SHORT_KEY);
    }
}
