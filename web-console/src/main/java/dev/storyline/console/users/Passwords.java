package dev.storyline.console.users;

import java.security.SecureRandom;
import org.springframework.stereotype.Component;

/** Generated passwords: 20 characters from an alphabet without look-alikes (0/O, 1/l/I), about 115 bits. */
@Component
class Passwords {

    private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final int LENGTH = 20;

    private final SecureRandom random = new SecureRandom();

    String generate() {
        StringBuilder password = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) {
            password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }
}
