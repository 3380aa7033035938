package dev.storyline.testkit.perimeter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storyline.platform.security.DemoSecrets;
import dev.storyline.platform.security.DemoSecrets.DemoSecret;
import dev.storyline.platform.security.LiveSecretException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;

/**
 * Start-up of a service (its real {@code SpringApplication}, stopped right after the environment is
 * prepared, before any bean exists): every demo secret this repository publishes is refused with
 * {@code DRY_RUN=false}, naming the variable, and accepted with {@code DRY_RUN=true}; so is a weak one.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class LiveSecretsContract {

    /** The service's main class. */
    protected abstract Class<?> application();

    /** The secret variables the service reads. */
    protected abstract List<String> secrets();

    /** Thrown by the test's initializer: the environment, and so the secrets check, was passed. */
    static final class ReachedContext extends RuntimeException {
        ReachedContext() {
            super("reached the application context", null, false, false);
        }
    }

    List<DemoSecret> demoSecrets() {
        // every service talks to the broker
        return DemoSecrets.ALL.stream()
                .filter(d -> secrets().contains(d.variable()) || d.variable().equals("RABBITMQ_PASSWORD"))
                .toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("demoSecrets")
    void refuses_a_published_demo_secret_live_and_accepts_it_in_dry_run(DemoSecret demo) {
        String value = demo.variable().equals("TOKEN_ENCRYPTION_KEYS") ? "k1:" + demo.value() : demo.value();
        Throwable live = start("false", demo.variable(), value);
        assertThat(live).isInstanceOf(LiveSecretException.class);
        assertThat(live.getMessage()).contains(demo.variable()).containsAnyOf("demo value", "demo key");
        assertThat(start("true", demo.variable(), value)).isInstanceOf(ReachedContext.class);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("secrets")
    void refuses_a_weak_secret_live_and_accepts_a_strong_one(String variable) {
        boolean key = variable.equals("TOKEN_ENCRYPTION_KEYS");
        String weak = key
                ? "k1:" + Base64.getEncoder().encodeToString(random(16))
                : "short-secret-" + HexFormat.of().formatHex(random(4));
        String strong = key
                ? "k1:" + Base64.getEncoder().encodeToString(random(32))
                : HexFormat.of().formatHex(random(32));
        Throwable live = start("false", variable, weak);
        assertThat(live).isInstanceOf(LiveSecretException.class);
        assertThat(live.getMessage()).contains(variable);
        assertThat(start("true", variable, weak)).isInstanceOf(ReachedContext.class);
        assertThat(start("false", variable, strong)).isInstanceOf(ReachedContext.class);
    }

    private Throwable start(String dryRun, String variable, String value) {
        SpringApplication app = new SpringApplication(application());
        app.setWebApplicationType(WebApplicationType.NONE);
        app.addInitializers(context -> {
            throw new ReachedContext();
        });
        try {
            app.run("--DRY_RUN=" + dryRun, "--" + variable + "=" + value, "--spring.main.banner-mode=off");
            return null;
        } catch (Throwable e) {
            return e;
        }
    }

    private static byte[] random(int bytes) {
        byte[] out = new byte[bytes];
        new SecureRandom().nextBytes(out);
        return out;
    }
}
