package dev.storyline.platform.admin;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code STORYLINE_ADMIN_TOKEN}: the bearer token of every service's admin API ({@code /api/**}). */
@ConfigurationProperties("storyline.admin")
public record AdminApiProperties(String token) {

    public boolean configured() {
        return token != null && !token.isBlank();
    }

    @Override
    public String toString() {
        return "AdminApiProperties[token=" + (configured() ? "<redacted>" : "<unset>") + "]";
    }
}
