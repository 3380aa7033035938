package dev.storyline.contracts.admin;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Every service's admin API ({@code /api/**}) requires {@code Authorization: Bearer $STORYLINE_ADMIN_TOKEN}.
 * Without a configured token the API stays closed rather than open. Actuator paths are not affected.
 */
public class AdminTokenFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(AdminTokenFilter.class);

    private final byte[] expected;

    public AdminTokenFilter(AdminApiProperties properties) {
        this.expected = properties.configured()
                ? ("Bearer " + properties.token().strip()).getBytes(StandardCharsets.UTF_8) : null;
        if (expected == null) {
            log.warn("STORYLINE_ADMIN_TOKEN is not set: the admin API answers 401 to every request");
        }
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        // constant-time comparison: the answer time says nothing about how much of a guess was right
        boolean ok = expected != null && header != null
                && MessageDigest.isEqual(expected, header.getBytes(StandardCharsets.UTF_8));
        if (!ok) {
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            response.setContentType("application/json");
            response.getWriter().write("{\"error\":\"missing or wrong admin token (Authorization: Bearer <STORYLINE_ADMIN_TOKEN>)\"}");
            return;
        }
        chain.doFilter(request, response);
    }
}
