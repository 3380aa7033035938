package dev.storyline.console.signin;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The people who may sign in, in the console's own schema (passwords only as BCrypt hashes), and the
 * accounts granted to each one who is not an installation admin.
 */
@Component
public class ConsoleUsers {

    /** A stored user. */
    public record User(long id, String email, String passwordHash, Role role, boolean enabled) {

        @Override
        public String toString() {
            return "User[" + email + ", " + role + (enabled ? "" : ", disabled") + "]";
        }
    }

    private final JdbcClient jdbc;

    public ConsoleUsers(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One spelling per person: emails are compared trimmed and lower-cased. */
    public static String normalise(String email) {
        return email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
    }

    public Optional<User> find(String email) {
        return jdbc.sql("select id, email, password_hash, role, enabled from users where email = :e")
                .param("e", normalise(email))
                .query((rs, n) -> new User(
                        rs.getLong("id"),
                        rs.getString("email"),
                        rs.getString("password_hash"),
                        Role.valueOf(rs.getString("role")),
                        rs.getBoolean("enabled")))
                .optional();
    }

    /** Adds a user unless one with this email exists; true when added. */
    public boolean addIfAbsent(String email, String passwordHash, Role role) {
        return jdbc.sql("""
                        insert into users (email, password_hash, role) values (:e, :h, :r)
                        on conflict (email) do nothing
                        """)
                        .param("e", normalise(email))
                        .param("h", passwordHash)
                        .param("r", role.name())
                        .update()
                == 1;
    }

    /** The accounts granted to this user, by account id. */
    public Map<String, Role> accountRoles(long userId) {
        Map<String, Role> roles = new LinkedHashMap<>();
        jdbc.sql("select account_id, role from account_roles where user_id = :u order by account_id")
                .param("u", userId)
                .query(rs -> {
                    roles.put(rs.getString("account_id"), Role.valueOf(rs.getString("role")));
                });
        return roles;
    }

    /** Grants (or changes) one account's role to the user with this email; false when there is no such user. */
    public boolean grant(String email, String account, Role role) {
        return jdbc.sql("""
                        insert into account_roles (user_id, account_id, role)
                        select id, :a, :r from users where email = :e
                        on conflict (user_id, account_id) do update set role = excluded.role
                        """)
                        .param("e", normalise(email))
                        .param("a", account)
                        .param("r", role.name())
                        .update()
                == 1;
    }

    /** The signed-in view of an enabled user, read now; empty when the user is gone or disabled. */
    Optional<SignedInUser> signedIn(String email) {
        return find(email).filter(User::enabled).map(u -> SignedInUser.of(u, accountRoles(u.id())));
    }
}
