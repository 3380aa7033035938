package dev.storyline.contracts.admin;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/** Puts the admin token in front of {@code /api/**} in every servlet-based Storyline service, and answers its errors as JSON. */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(AdminApiProperties.class)
public class AdminApiAutoConfiguration {

    @Bean
    AdminTokenFilter adminTokenFilter(AdminApiProperties properties) {
        return new AdminTokenFilter(properties);
    }

    @Bean
    AdminApiErrors adminApiErrors() {
        return new AdminApiErrors();
    }
}
