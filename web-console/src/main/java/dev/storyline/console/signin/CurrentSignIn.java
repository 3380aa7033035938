package dev.storyline.console.signin;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads the signed-in user again on every request, right after the session's sign-in is restored: a user
 * disabled or removed meanwhile is signed out there and then (the session ends, the request goes on as a
 * visitor's and is refused), and a change of roles counts from this request on. The fresh reading is set
 * for this request only; the session keeps just the sign-in.
 */
final class CurrentSignIn extends OncePerRequestFilter {

    private final ConsoleUsers users;
    private final SecurityContextHolderStrategy contexts;

    CurrentSignIn(ConsoleUsers users, SecurityContextHolderStrategy contexts) {
        this.users = users;
        this.contexts = contexts;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication signedIn = contexts.getContext().getAuthentication();
        if (signedIn != null && signedIn.isAuthenticated() && !(signedIn instanceof AnonymousAuthenticationToken)) {
            Optional<SignedInUser> user = users.signedIn(signedIn.getName());
            SecurityContext context = contexts.createEmptyContext();
            if (user.isPresent()) {
                String authority = (user.get().installationAdmin() ? Role.ADMIN : Role.MEMBER).authority();
                context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                        user.get(), null, List.of(new SimpleGrantedAuthority(authority))));
            } else {
                HttpSession session = request.getSession(false);
                if (session != null) {
                    session.invalidate();
                }
            }
            contexts.setContext(context);
        }
        chain.doFilter(request, response);
    }
}
