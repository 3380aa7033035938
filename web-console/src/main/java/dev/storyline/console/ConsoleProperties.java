package dev.storyline.console;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The console's own settings, checked at start-up: a console without its first admin or without the
 * scheduler's token could only show errors, so it refuses to start and names the variable instead.
 * Weak and published passwords are refused live by the shared live-secrets check (CONSOLE_ADMIN_PASSWORD).
 */
@Validated
@ConfigurationProperties("storyline.console")
public record ConsoleProperties(
        @Valid @NotNull Admin admin,
        boolean secureCookies,
        @Valid @NotNull SignIn signIn,

        @NotBlank(message = "storyline.console.htmx-script is set by the build (application.yml)")
        String htmxScript) {

    /** The first admin, created at start-up when no user has this email yet. */
    public record Admin(
            @NotBlank(message = "set CONSOLE_ADMIN_EMAIL (the first admin's email)")
            @Email(message = "CONSOLE_ADMIN_EMAIL must be an email address")
            String email,

            @NotBlank(message = "set CONSOLE_ADMIN_PASSWORD (the first admin's password)")
            @Size(
                    min = 8,
                    max = 72,
                    message = "CONSOLE_ADMIN_PASSWORD must be 8 to 72 characters (BCrypt reads 72 bytes)")
            String password) {

        @Override
        public String toString() {
            return "Admin[email=" + email + ", password=<redacted>]";
        }
    }

    /** Lock-out after failed sign-ins of one email from one address. */
    public record SignIn(
            @Min(value = 1, message = "storyline.console.sign-in.max-failures must be 1 to 100")
            @Max(value = 100, message = "storyline.console.sign-in.max-failures must be 1 to 100")
            int maxFailures,

            @NotNull(message = "set storyline.console.sign-in.lock-for, e.g. 15m")
            Duration lockFor) {}
}
