package dev.storyline.console.signin;

import dev.storyline.console.ConsoleProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Creates the first admin from CONSOLE_ADMIN_EMAIL / CONSOLE_ADMIN_PASSWORD at start-up, before the
 * console reports ready. An existing user with that email is left as it is: the variables bootstrap
 * a console, they do not reset a password someone may rely on at every restart.
 */
@Component
class FirstAdmin implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(FirstAdmin.class);

    private final ConsoleUsers users;
    private final PasswordEncoder passwords;
    private final ConsoleProperties properties;

    FirstAdmin(ConsoleUsers users, PasswordEncoder passwords, ConsoleProperties properties) {
        this.users = users;
        this.passwords = passwords;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) {
        String email = ConsoleUsers.normalise(properties.admin().email());
        if (users.addIfAbsent(email, passwords.encode(properties.admin().password()), Role.ADMIN)) {
            log.info("created the first console admin {}", email);
        } else {
            log.info("console user {} exists; CONSOLE_ADMIN_PASSWORD is not applied to it again", email);
        }
    }
}
