package dev.storyline.console;

import dev.storyline.console.signin.ConsoleUsers;
import dev.storyline.console.signin.Role;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The users a console test adds besides the first admin, their passwords hashed as the console hashes them. A
 * bean of every {@link ConsolePageTest} context.
 */
record TestUsers(ConsoleUsers users, PasswordEncoder passwords) {

    /** A user without installation rights (MEMBER) and without accounts, unless already there. */
    void add(String email, String password) {
        users.addIfAbsent(email, passwords.encode(password), Role.MEMBER);
    }

    /** The same, then granted the role on the account. */
    void add(String email, String password, String account, Role role) {
        add(email, password);
        users.grant(email, account, role);
    }
}
