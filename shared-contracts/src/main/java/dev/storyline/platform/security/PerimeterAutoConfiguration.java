package dev.storyline.platform.security;

import dev.storyline.platform.admin.AdminApiProperties;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.AuthenticationFilter;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.security.web.savedrequest.NullRequestCache;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The one perimeter of every Storyline service, on Spring Security: deny by default; public only the
 * liveness and readiness probes and a service's declared {@link PublicPaths}; {@code /api/**} and the
 * OpenAPI description with STORYLINE_ADMIN_TOKEN, {@code /internal/**} with STORYLINE_INTERNAL_TOKEN.
 * Rules are matched on the decoded, normalised path Spring MVC routes on, and the firewall refuses
 * whatever could be read two ways ({@code ;}, encoded {@code /} and {@code .}, {@code //}).
 * The rest of actuator lives on the management port ({@code MANAGEMENT_PORT}), which is never published:
 * there it is open to whoever can reach the port (Prometheus).
 * Stateless bearer tokens, so no session and no CSRF token; a session-based UI must bring CSRF protection.
 */
@AutoConfiguration(
        beforeName = {
            "org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration",
            "org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration",
            "org.springframework.boot.actuate.autoconfigure.security.servlet.ManagementWebSecurityAutoConfiguration"
        })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableWebSecurity
@EnableConfigurationProperties({AdminApiProperties.class, InternalApiProperties.class})
public class PerimeterAutoConfiguration {

    @Bean
    BearerTokens storylineBearerTokens(AdminApiProperties admin, InternalApiProperties internal) {
        return new BearerTokens(admin.token(), internal.token());
    }

    @Bean
    SecurityFilterChain storylinePerimeter(
            HttpSecurity http, BearerTokens tokens, ObjectProvider<PublicPaths> publicPaths, Environment environment)
            throws Exception {
        PerimeterResponses responses = new PerimeterResponses();
        AuthenticationFilter bearer = new AuthenticationFilter(tokens, tokens);
        bearer.setSuccessHandler((AuthenticationSuccessHandler) (request, response, authentication) -> {
            // no redirect: the request simply goes on, authenticated
        });
        bearer.setFailureHandler(responses);
        bearer.setSecurityContextRepository(new RequestAttributeSecurityContextRepository());

        List<RequestMatcher> open = new ArrayList<>();
        open.add(readOnly("/actuator/health/liveness"));
        open.add(readOnly("/actuator/health/readiness"));
        publicPaths
                .orderedStream()
                .flatMap(p -> p.patterns().stream())
                .map(PerimeterAutoConfiguration::readOnly)
                .forEach(open::add);

        RequestMatcher management = new AndRequestMatcher(new ManagementPort(environment), path("/actuator/**"));
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.requestCache(new NullRequestCache()))
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .anonymous(anonymous -> {})
                .addFilterBefore(bearer, AuthorizationFilter.class)
                .exceptionHandling(e -> e.authenticationEntryPoint(responses).accessDeniedHandler(responses))
                .authorizeHttpRequests(rules -> rules
                        // the error page of a request that already passed (e.g. a 404 after the token was checked)
                        .dispatcherTypeMatchers(DispatcherType.ERROR)
                        .permitAll()
                        .requestMatchers(management)
                        .permitAll()
                        .requestMatchers(new OrRequestMatcher(open))
                        .permitAll()
                        .requestMatchers(path("/api/**"), path("/v3/api-docs"), path("/v3/api-docs/**"))
                        .hasRole(BearerTokens.ADMIN)
                        .requestMatchers(path("/internal/**"))
                        .hasRole(BearerTokens.INTERNAL)
                        .anyRequest()
                        .denyAll());
        return http.build();
    }

    @Bean
    WebSecurityCustomizer storylineFirewall() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        // TRACE and CONNECT are refused (the default list); everything the APIs use stays
        firewall.setAllowedHttpMethods(List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"));
        return web -> web.httpFirewall(firewall).requestRejectedHandler(new PerimeterResponses());
    }

    private static RequestMatcher path(String pattern) {
        return PathPatternRequestMatcher.withDefaults().matcher(pattern);
    }

    private static RequestMatcher readOnly(String pattern) {
        return new OrRequestMatcher(
                PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.GET, pattern),
                PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.HEAD, pattern));
    }

    /** A request that arrived on the separate management port (never when it equals the server port). */
    private record ManagementPort(Environment environment) implements RequestMatcher {
        @Override
        public boolean matches(HttpServletRequest request) {
            Integer management = environment.getProperty("local.management.port", Integer.class);
            Integer server = environment.getProperty("local.server.port", Integer.class);
            return management != null
                    && management > 0
                    && !management.equals(server)
                    && request.getLocalPort() == management;
        }
    }
}
