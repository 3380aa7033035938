package dev.storyline.token.serving;

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
 * Guards every {@code /internal/**} path with {@code Authorization: Bearer $STORYLINE_INTERNAL_TOKEN}. A filter
 * rather than a check in the controller, so an internal endpoint added later cannot forget it. The admin
 * filter only covers {@code /api/**}, so the admin token opens nothing here.
 */
@Component
class InternalTokenFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(InternalTokenFilter.class);
    static final String PREFIX = "/internal/";

    private final byte[] expected;

    InternalTokenFilter(InternalApiProperties properties) {
        this.expected = properties.configured()
                ? ("Bearer " + properties.token().strip()).getBytes(StandardCharsets.UTF_8) : null;
        if (expected == null) {
            log.info("STORYLINE_INTERNAL_TOKEN is not set: the internal token API (/internal/**) is off, "
                    + "so instagram-worker must use INSTAGRAM_ACCESS_TOKEN");
        }
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith(PREFIX);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setHeader("Cache-Control", "no-store");
        if (expected == null) {
            refuse(response, HttpServletResponse.SC_FORBIDDEN,
                    "the internal token API is off: STORYLINE_INTERNAL_TOKEN is not set on token-worker");
            return;
        }
        String header = request.getHeader("Authorization");
        if (header == null || !header.startsWith("Bearer ")) {
            refuse(response, HttpServletResponse.SC_UNAUTHORIZED,
                    "missing internal token (Authorization: Bearer <STORYLINE_INTERNAL_TOKEN>)");
            return;
        }
        // constant-time comparison: the answer time says nothing about how much of a guess was right
        if (!MessageDigest.isEqual(expected, header.getBytes(StandardCharsets.UTF_8))) {
            log.warn("refused {} {}: wrong internal token", request.getMethod(), request.getRequestURI());
            refuse(response, HttpServletResponse.SC_FORBIDDEN, "wrong internal token (STORYLINE_INTERNAL_TOKEN differs)");
            return;
        }
        chain.doFilter(request, response);
    }

    private static void refuse(HttpServletResponse response, int status, String error) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.getWriter().write("{\"error\":\"" + error + "\"}");
    }
}
