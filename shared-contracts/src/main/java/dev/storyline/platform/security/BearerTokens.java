package dev.storyline.platform.security;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * Turns {@code Authorization: Bearer <token>} into a role: {@code ADMIN} for STORYLINE_ADMIN_TOKEN,
 * {@code INTERNAL} for STORYLINE_INTERNAL_TOKEN (token-worker only). The two are compared separately and
 * never grant each other's role. No header means anonymous; a header that is not exactly one bearer token
 * is refused (401) rather than ignored, so a typo never silently falls through to a public rule.
 */
final class BearerTokens implements AuthenticationConverter, AuthenticationManager {

    static final String ADMIN = "ADMIN";
    static final String INTERNAL = "INTERNAL";
    private static final String SCHEME = "Bearer ";

    private final byte[] adminDigest;
    private final byte[] internalDigest;

    BearerTokens(String adminToken, String internalToken) {
        this.adminDigest = digestOrNull(adminToken);
        this.internalDigest = digestOrNull(internalToken);
    }

    @Override
    public Authentication convert(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header == null) {
            return null;
        }
        // the scheme is matched exactly: one spelling, one code path
        if (!header.startsWith(SCHEME) || header.length() == SCHEME.length()) {
            throw new BadCredentialsException("use Authorization: Bearer <token>");
        }
        return UsernamePasswordAuthenticationToken.unauthenticated("bearer", header.substring(SCHEME.length()));
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        byte[] presented = digest(String.valueOf(authentication.getCredentials()));
        // both compared every time, in constant time over equal-length digests: timing tells nothing
        boolean admin = adminDigest != null
                & MessageDigest.isEqual(presented, adminDigest == null ? new byte[32] : adminDigest);
        boolean internal = internalDigest != null
                & MessageDigest.isEqual(presented, internalDigest == null ? new byte[32] : internalDigest);
        if (admin && !internal) {
            return UsernamePasswordAuthenticationToken.authenticated(
                    "storyline-admin", null, AuthorityUtils.createAuthorityList("ROLE_" + ADMIN));
        }
        if (internal && !admin) {
            return UsernamePasswordAuthenticationToken.authenticated(
                    "storyline-internal", null, AuthorityUtils.createAuthorityList("ROLE_" + INTERNAL));
        }
        // the same value for both secrets would make them interchangeable: it opens neither
        throw new BadCredentialsException("wrong bearer token");
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
}
