package dev.storyline.platform.admin;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;

/**
 * Answers the admin APIs' errors as JSON in every servlet-based Storyline service. Who may call them is
 * decided by the shared perimeter ({@code dev.storyline.platform.security}).
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class AdminApiAutoConfiguration {

    @Bean
    AdminApiErrors adminApiErrors() {
        return new AdminApiErrors();
    }
}
