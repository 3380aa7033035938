package dev.storyline.instagram.graph;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.storyline.instagram.InstagramProperties;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Exactly one token source, chosen by configuration: token-worker when TOKEN_WORKER_URL is set, else INSTAGRAM_ACCESS_TOKEN. */
@Configuration
class AccessTokensConfiguration {

    private static final Logger log = LoggerFactory.getLogger(AccessTokensConfiguration.class);

    @Bean
    AccessTokens accessTokens(InstagramProperties properties, ObjectMapper json, Clock clock) {
        InstagramProperties.TokenWorker tokenWorker = properties.tokenWorker();
        if (tokenWorker.configured()) {
            if (properties.accessToken() != null && !properties.accessToken().isBlank()) {
                log.info("TOKEN_WORKER_URL is set: INSTAGRAM_ACCESS_TOKEN is not used for publishing "
                        + "(token-worker stores and refreshes it)");
            }
            log.info(
                    "access tokens come from token-worker at {} (cached {} per account)",
                    tokenWorker.url(),
                    tokenWorker.cacheTtl());
            return new TokenWorkerAccessTokens(tokenWorker, properties.http(), json, clock);
        }
        return new ConfiguredAccessTokens(properties);
    }
}
