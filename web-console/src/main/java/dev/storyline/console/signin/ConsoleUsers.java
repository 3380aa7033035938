package dev.storyline.console.signin;

import java.util.Locale;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The people who may sign in, in the console's own schema; passwords only as BCrypt hashes. */
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
}
