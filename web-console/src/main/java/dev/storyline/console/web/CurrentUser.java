package dev.storyline.console.web;

import dev.storyline.console.signin.Role;
import org.springframework.security.core.Authentication;

/** Who is signed in, as pages need it: the email (recorded as "by" on decisions) and whether they are an admin. */
public record CurrentUser(String email, boolean admin) {

    public static CurrentUser of(Authentication authentication) {
        boolean admin = authentication.getAuthorities().stream()
                .anyMatch(a -> Role.ADMIN.authority().equals(a.getAuthority()));
        return new CurrentUser(authentication.getName(), admin);
    }
}
