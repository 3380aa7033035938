package dev.storyline.instagram.admin;

import dev.storyline.instagram.InstagramProperties;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The admin API ({@code /api/**}) requires {@code Authorization: Bearer $STORYLINE_ADMIN_TOKEN}.
 * Without a configured token it stays closed rather than open. Actuator paths are not affected.
 */
@Component
class AdminTokenFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(AdminTokenFilter.class);

    private final byte[] expected;

    AdminTokenFilter(InstagramProperties properties) {
        String token = properties.adminToken();
        this.expected = token == null || token.isBlank() ? null : ("Bearer " + token.strip()).getBytes(StandardCharsets.UTF_8);
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
