package dev.storyline.console.signin;

import dev.storyline.console.scheduler.SchedulerApiProperties;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The console's small bearer API for the storyline CLI ({@code storyline users add}): {@code /api/**} only,
 * in a chain of its own ahead of the pages' chain. Stateless (no session, no cookie, so no CSRF to forge),
 * opened only by STORYLINE_ADMIN_TOKEN, compared in constant time over digests; without that token set, the
 * API stays closed. Deny by default: only the routes listed answer.
 */
@Configuration
class ApiSecurity {

    private static final String SCHEME = "Bearer ";

    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http, SchedulerApiProperties scheduler) throws Exception {
        // the installation's admin token, the same the console presents to the scheduler
        AuthorizationManager<RequestAuthorizationContext> bearer = bearer(digestOrNull(scheduler.adminToken()));
        http.securityMatcher(path(null, "/api/**"))
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .formLogin(form -> form.disable())
                .httpBasic(basic -> basic.disable())
                .logout(logout -> logout.disable())
                .exceptionHandling(e -> e.authenticationEntryPoint(refused())
                        .accessDeniedHandler((request, response, x) -> refused().commence(request, response, null)))
                .authorizeHttpRequests(rules -> rules.requestMatchers(
                                path(HttpMethod.GET, "/api/users"), path(HttpMethod.POST, "/api/users"))
                        .access(bearer)
                        .anyRequest()
                        .denyAll());
        return http.build();
    }

    private static AuthorizationManager<RequestAuthorizationContext> bearer(byte[] expected) {
        return (authentication, context) ->
                new AuthorizationDecision(expected != null && presents(context.getRequest(), expected));
    }

    private static boolean presents(HttpServletRequest request, byte[] expected) {
        String header = request.getHeader("Authorization");
        if (header == null || !header.startsWith(SCHEME)) {
            return false;
        }
        return MessageDigest.isEqual(digest(header.substring(SCHEME.length()).strip()), expected);
    }

    private static AuthenticationEntryPoint refused() {
        return (request, response, e) -> {
            response.setStatus(401);
            response.setHeader("Cache-Control", "no-store");
            response.setContentType("application/json;charset=UTF-8");
            response.getWriter()
                    .write("{\"error\":\"missing or wrong admin token (Authorization: Bearer <STORYLINE_ADMIN_TOKEN>)"
                            + " or no such route\"}");
        };
    }

    private static byte[] digestOrNull(String token) {
        return token == null || token.isBlank() ? null : digest(token.strip());
    }

    private static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RequestMatcher path(HttpMethod method, String pattern) {
        return PathPatternRequestMatcher.withDefaults().matcher(method, pattern);
    }
}
