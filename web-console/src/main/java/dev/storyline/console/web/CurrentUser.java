package dev.storyline.console.web;

import dev.storyline.console.signin.Role;
import dev.storyline.console.signin.SignedInUser;
import java.util.Map;
import org.springframework.security.core.Authentication;

/**
 * Who is signed in, as pages need it: the email (recorded as "by" on decisions), whether they are an
 * installation admin ({@code admin}: every account, Operations, Connect Instagram, Users) and, per account,
 * whether they run it ({@link #adminOf}) or only read it.
 */
public record CurrentUser(String email, boolean admin, Map<String, Role> accounts) {

    public static CurrentUser of(Authentication authentication) {
        if (authentication.getPrincipal() instanceof SignedInUser user) {
            return new CurrentUser(user.email(), user.installationAdmin(), user.accounts());
        }
        boolean admin = authentication.getAuthorities().stream()
                .anyMatch(a -> Role.ADMIN.authority().equals(a.getAuthority()));
        return new CurrentUser(authentication.getName(), admin, Map.of());
    }

    /** Whether this person may change the account (pause, resume, post next, mix, schedule, library). */
    public boolean adminOf(String account) {
        return admin || (account != null && accounts.get(account) == Role.ADMIN);
    }

    /** Whether the account exists for this person. */
    public boolean canSee(String account) {
        return admin || (account != null && accounts.containsKey(account));
    }
}
