package dev.storyline.token.crypto;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class CryptoConfiguration {

    /** Parsed eagerly at start-up: a missing or malformed TOKEN_ENCRYPTION_KEYS stops the service here. */
    @Bean
    KeyRing keyRing(CryptoProperties properties) {
        return KeyRing.parse(properties.encryptionKeys());
    }

    @Bean
    TokenCipher tokenCipher(KeyRing keys) {
        return new TokenCipher(keys);
    }
}
