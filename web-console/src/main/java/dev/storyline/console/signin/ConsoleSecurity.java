package dev.storyline.console.signin;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.authentication.DelegatingAuthenticationEntryPoint;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestHeaderRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The console's security filter chain for its pages (the shared bearer perimeter is not loaded here; see
 * ConsoleApplication; the small bearer API under /api/ has a chain of its own, ApiSecurity): deny by default, session-based form login, CSRF protection on every POST. The
 * signed-in user is read again on every request (CurrentSignIn), and routes of one account are decided by
 * AccountAuthorization.
 * Signed out, only the sign-in page, static assets, the health probes and Meta's callbacks (with the
 * public deletion-status page) answer. A page request is sent
 * to /login (302); an htmx fragment or a POST gets 401 with HX-Redirect, so htmx leaves an expired page
 * for the sign-in page instead of swapping an error into it.
 */
@Configuration
@EnableWebSecurity
class ConsoleSecurity {

    /** Meta's deauthorize and data-deletion callbacks (meta package): public, exactly these two POSTs. */
    private static final RequestMatcher META_CALLBACKS = new OrRequestMatcher(
            path(HttpMethod.POST, "/meta/deauthorize"), path(HttpMethod.POST, "/meta/data-deletion"));

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder(12);
    }

    /** The only authentication manager: with it no default in-memory user is ever created. */
    @Bean
    AuthenticationManager consoleAuthentication(ConsoleUsers users, PasswordEncoder encoder, SignInThrottle throttle) {
        return new ProviderManager(new ThrottledSignIn(users, encoder, throttle));
    }

    @Bean
    SecurityFilterChain console(
            HttpSecurity http, AuthenticationManager authentication, Environment environment, ConsoleUsers users)
            throws Exception {
        SimpleUrlAuthenticationFailureHandler failure = new SimpleUrlAuthenticationFailureHandler("/login?error");
        http.authenticationManager(authentication)
                .formLogin(form -> form.loginPage("/login")
                        .loginProcessingUrl("/login")
                        .usernameParameter("email")
                        .passwordParameter("password")
                        .defaultSuccessUrl("/calendar", false)
                        .failureHandler(failure)
                        .permitAll())
                .logout(logout -> logout.logoutRequestMatcher(path(HttpMethod.POST, "/logout"))
                        .logoutSuccessUrl("/login?signedOut")
                        .deleteCookies("storyline_console"))
                .httpBasic(basic -> basic.disable())
                // Meta posts its signed callbacks without a session or CSRF token; their signature is the proof
                .csrf(csrf -> csrf.ignoringRequestMatchers(META_CALLBACKS))
                .sessionManagement(session -> session.sessionFixation(fixation -> fixation.changeSessionId()))
                .addFilterAfter(
                        new CurrentSignIn(users, SecurityContextHolder.getContextHolderStrategy()),
                        SecurityContextHolderFilter.class)
                .exceptionHandling(e -> e.authenticationEntryPoint(entryPoint()).accessDeniedHandler(denied()))
                .headers(headers -> headers.contentSecurityPolicy(
                                csp -> csp.policyDirectives("default-src 'self'; script-src 'self'; "
                                        + "style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
                                        + "form-action 'self'; frame-ancestors 'none'"))
                        .referrerPolicy(referrer -> referrer.policy(
                                org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter
                                        .ReferrerPolicy.SAME_ORIGIN)))
                .authorizeHttpRequests(rules -> rules.dispatcherTypeMatchers(DispatcherType.ERROR)
                        .permitAll()
                        .requestMatchers(
                                new AndRequestMatcher(new ManagementPort(environment), path(null, "/actuator/**")))
                        .permitAll()
                        // the sign-in page with any query (?error, ?signedOut): formLogin's own permit matches the bare
                        // URL only
                        .requestMatchers(
                                readOnly("/login"),
                                readOnly("/actuator/health/liveness"),
                                readOnly("/actuator/health/readiness"),
                                readOnly("/css/**"),
                                readOnly("/js/**"),
                                readOnly("/webjars/**"),
                                readOnly("/favicon.ico"),
                                readOnly("/meta/deletion-status"),
                                META_CALLBACKS)
                        .permitAll()
                        // installation admins only: the whole installation, and who may use the console
                        .requestMatchers(
                                path(null, "/operations"),
                                path(null, "/operations/**"),
                                path(HttpMethod.GET, "/users"),
                                path(HttpMethod.POST, "/users"),
                                path(HttpMethod.GET, "/users/*"),
                                path(HttpMethod.POST, "/users/*/roles"),
                                path(HttpMethod.POST, "/users/*/enabled"),
                                path(HttpMethod.POST, "/users/*/password"))
                        .hasRole(Role.ADMIN.name())
                        // Connect Instagram: Meta's callback comes back into the same signed-in admin session
                        .requestMatchers(
                                path(HttpMethod.GET, "/connect"),
                                path(HttpMethod.GET, "/connect/start"),
                                path(HttpMethod.GET, "/connect/callback"),
                                path(HttpMethod.GET, "/connect/choose"),
                                path(HttpMethod.POST, "/connect/finish"))
                        .hasRole(Role.ADMIN.name())
                        // changing how an account posts: its account admins (AccountAuthorization); the pages
                        // hide these controls from everyone else too
                        .requestMatchers(
                                path(HttpMethod.POST, "/accounts/{account}/pause"),
                                path(HttpMethod.POST, "/accounts/{account}/resume"),
                                path(HttpMethod.POST, "/accounts/{account}/post-next"),
                                path(HttpMethod.POST, "/accounts/{account}/schedule/*"),
                                path(HttpMethod.POST, "/accounts/{account}/library/**"),
                                // the library's reject asks first on a page of its own
                                path(HttpMethod.GET, "/accounts/{account}/library/*/reject"))
                        .access(AccountAuthorization.runs())
                        // every other route is listed here; a new one stays closed until it is added. An account
                        // in the path or in ?account= must be one of the user's (AccountAuthorization)
                        .requestMatchers(
                                path(HttpMethod.GET, "/"),
                                path(HttpMethod.GET, "/calendar"),
                                path(HttpMethod.GET, "/accounts/{account}/slots/*"),
                                path(HttpMethod.GET, "/manual"),
                                path(HttpMethod.GET, "/fragments/**"),
                                path(HttpMethod.POST, "/manual/{account}/*/resolve"),
                                path(HttpMethod.GET, "/accounts"),
                                path(HttpMethod.GET, "/accounts/{account}/schedule"),
                                path(HttpMethod.GET, "/history"),
                                path(HttpMethod.GET, "/history.csv"),
                                path(HttpMethod.GET, "/library"),
                                path(HttpMethod.GET, "/accounts/{account}/library"),
                                path(HttpMethod.GET, "/accounts/{account}/library/*/thumbnail"),
                                path(HttpMethod.GET, "/password"),
                                path(HttpMethod.POST, "/password"))
                        .access(AccountAuthorization.reads())
                        .anyRequest()
                        .denyAll());
        return http.build();
    }

    /**
     * An account that is not the user's is not found (404, as for an account that does not exist); anything
     * else refused to a signed-in user is forbidden (403).
     */
    private static AccessDeniedHandler denied() {
        AccessDeniedHandler forbidden = new AccessDeniedHandlerImpl();
        return (request, response, e) -> {
            if (Boolean.TRUE.equals(request.getAttribute(AccountAuthorization.HIDDEN))) {
                response.sendError(404);
            } else {
                forbidden.handle(request, response, e);
            }
        };
    }

    /** Pages go to the sign-in page; fragments and POSTs (htmx or not) get 401 and an HX-Redirect there. */
    private static AuthenticationEntryPoint entryPoint() {
        AuthenticationEntryPoint unauthorized = (request, response, e) -> {
            response.setStatus(401);
            response.setHeader("HX-Redirect", "/login");
            response.setContentType("text/plain;charset=UTF-8");
            response.getWriter().write("Sign in first.");
        };
        RequestMatcher notAPage = new OrRequestMatcher(
                new RequestHeaderRequestMatcher("HX-Request"),
                request -> !"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod()),
                path(null, "/fragments/**"));
        LinkedHashMap<RequestMatcher, AuthenticationEntryPoint> points = new LinkedHashMap<>();
        points.put(notAPage, unauthorized);
        DelegatingAuthenticationEntryPoint delegating = new DelegatingAuthenticationEntryPoint(points);
        delegating.setDefaultEntryPoint(new LoginUrlAuthenticationEntryPoint("/login"));
        return delegating;
    }

    private static RequestMatcher path(HttpMethod method, String pattern) {
        return PathPatternRequestMatcher.withDefaults().matcher(method, pattern);
    }

    private static RequestMatcher readOnly(String pattern) {
        return new OrRequestMatcher(path(HttpMethod.GET, pattern), path(HttpMethod.HEAD, pattern));
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
