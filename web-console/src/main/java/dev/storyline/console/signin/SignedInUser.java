package dev.storyline.console.signin;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.springframework.security.core.AuthenticatedPrincipal;

/**
 * Who is signed in, as read from the database on this request (so a change of roles, or disabling the
 * user, counts from the next request on): an installation admin has every account; anyone else only the
 * accounts granted to them, each as ADMIN or MEMBER.
 */
public record SignedInUser(long id, String email, boolean installationAdmin, SortedMap<String, Role> accounts)
        implements AuthenticatedPrincipal {

    public SignedInUser {
        accounts = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(accounts));
    }

    static SignedInUser of(ConsoleUsers.User user, Map<String, Role> accounts) {
        return new SignedInUser(user.id(), user.email(), user.role() == Role.ADMIN, new TreeMap<>(accounts));
    }

    @Override
    public String getName() {
        return email;
    }

    /** Whether the account exists for this user at all. */
    public boolean canSee(String account) {
        return installationAdmin || (account != null && accounts.containsKey(account));
    }

    /** Whether this user runs the account (pause, resume, post next, mix, schedule, library). */
    public boolean adminOf(String account) {
        return installationAdmin || (account != null && accounts.get(account) == Role.ADMIN);
    }

    @Override
    public String toString() {
        return "SignedInUser[" + email + (installationAdmin ? ", installation admin" : ", " + accounts) + "]";
    }
}
