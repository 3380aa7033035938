package dev.storyline.platform.security;

import java.util.List;

/**
 * The secrets this repository publishes for its dry-run demo (docker-compose.yml, scripts/run-local.sh,
 * README). Kept in one place: {@link LiveSecretsCheck} refuses each of them when {@code DRY_RUN=false}.
 * A demo value added anywhere in the repository belongs here too.
 */
public final class DemoSecrets {

    /** One published value and the variable it is published for. */
    public record DemoSecret(String variable, String value) {
        @Override
        public String toString() {
            return variable;
        }
    }

    public static final List<DemoSecret> ALL = List.of(
            new DemoSecret("STORYLINE_ADMIN_TOKEN", "demo-admin-token-not-a-secret"),
            new DemoSecret("STORYLINE_INTERNAL_TOKEN", "demo-internal-token-not-a-secret"),
            // base64 of "storyline-demo-key-not-a-secret!", as k1:<this> in TOKEN_ENCRYPTION_KEYS
            new DemoSecret("TOKEN_ENCRYPTION_KEYS", "c3RvcnlsaW5lLWRlbW8ta2V5LW5vdC1hLXNlY3JldCE="),
            new DemoSecret("LOCAL_STORAGE_SIGNING_KEY", "demo-local-storage-signing-key-not-a-secret"),
            new DemoSecret("RABBITMQ_PASSWORD", "storyline-demo-rabbitmq-password"),
            // the web console's first admin in docker-compose.yml and scripts/run-local.sh
            new DemoSecret("CONSOLE_ADMIN_PASSWORD", "demo-console-password-not-a-secret"));

    private DemoSecrets() {}

    /** Any published value counts, whichever variable it was published for: it is just as public. */
    static boolean isPublished(String value) {
        return ALL.stream().anyMatch(d -> d.value().equals(value.strip()));
    }
}
