package dev.storyline.platform.security;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;

/**
 * With {@code DRY_RUN=false} a service refuses to start when one of its secrets is a value published in
 * this repository ({@link DemoSecrets}) or too weak: the admin and internal tokens and the local-link
 * signing key need at least 32 characters, every TOKEN_ENCRYPTION_KEYS key exactly 32 bytes of base64, the web
 * console's first admin password (a person types it) at least 12.
 * Runs before any bean exists, so a refused service never touches the database, the broker or an API.
 * A secret a service does not use (its property is absent there) is not checked by that service; an
 * unset one is left to the service (the admin API, for one, then stays closed).
 */
public class LiveSecretsCheck implements EnvironmentPostProcessor, Ordered {

    static final int MIN_LENGTH = 32;
    static final int MIN_PASSWORD_LENGTH = 12;

    private enum Rule {
        TOKEN,
        AES_KEYS,
        PASSWORD,
        NOT_PUBLISHED
    }

    /** Each secret with the properties the services bind it to. */
    private record Secret(String variable, Rule rule, List<String> properties) {}

    private static final List<Secret> SECRETS = List.of(
            new Secret("STORYLINE_ADMIN_TOKEN", Rule.TOKEN, List.of("storyline.admin.token")),
            new Secret(
                    "STORYLINE_INTERNAL_TOKEN",
                    Rule.TOKEN,
                    List.of("storyline.internal.token", "storyline.instagram.token-worker.internal-token")),
            new Secret("TOKEN_ENCRYPTION_KEYS", Rule.AES_KEYS, List.of("storyline.crypto.encryption-keys")),
            new Secret("LOCAL_STORAGE_SIGNING_KEY", Rule.TOKEN, List.of("storyline.upload.local.signing-key")),
            new Secret("CONSOLE_ADMIN_PASSWORD", Rule.PASSWORD, List.of("storyline.console.admin.password")),
            // the broker password is the operator's to choose; only the published demo one is refused
            new Secret("RABBITMQ_PASSWORD", Rule.NOT_PUBLISHED, List.of("spring.rabbitmq.password")));

    @Override
    public int getOrder() {
        // after application.yml and storyline-defaults.yml are in place
        return Ordered.LOWEST_PRECEDENCE;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        check(environment);
    }

    /** Throws {@link LiveSecretException} naming every refused variable; does nothing in dry-run. */
    public static void check(Environment environment) {
        if (!"false".equalsIgnoreCase(environment.getProperty("DRY_RUN", "true").strip())) {
            return;
        }
        List<String> problems = new ArrayList<>();
        for (Secret secret : SECRETS) {
            for (String property : secret.properties()) {
                String value = environment.getProperty(property);
                if (value == null || value.isBlank()) {
                    continue;
                }
                String problem = switch (secret.rule()) {
                    case TOKEN -> tokenProblem(secret.variable(), value);
                    case AES_KEYS -> keysProblem(secret.variable(), value);
                    case PASSWORD -> passwordProblem(secret.variable(), value);
                    case NOT_PUBLISHED ->
                        DemoSecrets.isPublished(value)
                                ? secret.variable() + " is a demo value published in this repository; set your own"
                                : null;
                };
                if (problem != null) {
                    problems.add(problem);
                    break;
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new LiveSecretException(problems);
        }
    }

    private static String tokenProblem(String variable, String value) {
        if (DemoSecrets.isPublished(value)) {
            return variable
                    + " is a demo value published in this repository; set your own, e.g. $(openssl rand -hex 32)";
        }
        if (value.strip().length() < MIN_LENGTH) {
            return variable + " is shorter than " + MIN_LENGTH + " characters; set e.g. $(openssl rand -hex 32)";
        }
        return null;
    }

    private static String passwordProblem(String variable, String value) {
        if (DemoSecrets.isPublished(value)) {
            return variable + " is a demo value published in this repository; set your own";
        }
        if (value.strip().length() < MIN_PASSWORD_LENGTH) {
            return variable + " is shorter than " + MIN_PASSWORD_LENGTH + " characters; choose a longer one";
        }
        return null;
    }

    private static String keysProblem(String variable, String value) {
        for (String entry : value.split(",")) {
            String material = entry.substring(entry.indexOf(':') + 1).strip();
            if (DemoSecrets.isPublished(material)) {
                return variable + " holds the demo key published in this repository; add a key of your own in front,"
                        + " e.g. k2:$(openssl rand -base64 32)";
            }
            byte[] key;
            try {
                key = Base64.getDecoder().decode(material);
            } catch (IllegalArgumentException e) {
                return variable + " holds a key that is not base64; each key is id:base64 of 32 random bytes";
            }
            if (key.length != 32) {
                return variable + " holds a key of " + key.length + " bytes; each key must be 32 random bytes"
                        + " (e.g. k2:$(openssl rand -base64 32))";
            }
        }
        return null;
    }
}
