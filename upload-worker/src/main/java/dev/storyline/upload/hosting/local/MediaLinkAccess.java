package dev.storyline.upload.hosting.local;

import dev.storyline.platform.security.PublicPaths;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The signed media links are the one public thing upload-worker serves: Meta fetches them without a
 * token, and each link carries its own expiring signature, checked by {@link MediaLinkController}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnLocalStorage
class MediaLinkAccess {

    @Bean
    PublicPaths mediaLinks() {
        return PublicPaths.of("/media/{publicId}");
    }
}
