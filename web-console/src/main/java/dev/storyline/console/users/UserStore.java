package dev.storyline.console.users;

import dev.storyline.console.signin.ConsoleUsers;
import dev.storyline.console.signin.Role;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Adding and changing console users and their account roles. Whatever the change, the installation keeps
 * at least one enabled installation admin: the enabled admins are locked while a change that could remove
 * the last one is decided, so two admins demoting each other at once cannot both succeed.
 */
@Component
class UserStore {

    /** A user as the Users page lists them. */
    record Listed(long id, String email, Role role, boolean enabled, SortedMap<String, Role> accounts) {

        public boolean installationAdmin() {
            return role == Role.ADMIN;
        }
    }

    /** A change refused, naming the form field it is about. */
    static final class Refused extends RuntimeException {
        private final String field;

        Refused(String field, String message) {
            super(message);
            this.field = field;
        }

        String field() {
            return field;
        }
    }

    private final JdbcClient jdbc;

    UserStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<Listed> all() {
        Map<Long, SortedMap<String, Role>> roles = new LinkedHashMap<>();
        jdbc.sql("select user_id, account_id, role from account_roles").query(rs -> {
            roles.computeIfAbsent(rs.getLong("user_id"), id -> new TreeMap<>())
                    .put(rs.getString("account_id"), Role.valueOf(rs.getString("role")));
        });
        List<Listed> users = new ArrayList<>();
        jdbc.sql("select id, email, role, enabled from users order by email").query(rs -> {
            long id = rs.getLong("id");
            users.add(new Listed(
                    id,
                    rs.getString("email"),
                    Role.valueOf(rs.getString("role")),
                    rs.getBoolean("enabled"),
                    roles.getOrDefault(id, new TreeMap<>())));
        });
        return users;
    }

    Optional<Listed> one(long id) {
        return all().stream().filter(u -> u.id() == id).findFirst();
    }

    /** The new user's id; refused (field email) when that email has a user already. */
    @Transactional
    long add(String email, String passwordHash, Role role, Map<String, Role> accounts) {
        Optional<Long> id = jdbc.sql("""
                        insert into users (email, password_hash, role) values (:e, :h, :r)
                        on conflict (email) do nothing returning id
                        """)
                .param("e", ConsoleUsers.normalise(email))
                .param("h", passwordHash)
                .param("r", role.name())
                .query(Long.class)
                .optional();
        if (id.isEmpty()) {
            throw new Refused("email", "There is a user with this email already.");
        }
        replaceAccounts(id.get(), role, accounts);
        return id.get();
    }

    @Transactional
    void changeRoles(long id, Role role, Map<String, Role> accounts) {
        Listed user = existing(id);
        if (role != Role.ADMIN) {
            keepAnAdmin(user, "role", "make another user an installation admin first");
        }
        jdbc.sql("update users set role = :r where id = :id")
                .param("r", role.name())
                .param("id", id)
                .update();
        replaceAccounts(id, role, accounts);
    }

    @Transactional
    void enable(long id, boolean enabled) {
        Listed user = existing(id);
        if (!enabled) {
            keepAnAdmin(user, "enabled", "make another user an installation admin first");
        }
        jdbc.sql("update users set enabled = :on where id = :id")
                .param("on", enabled)
                .param("id", id)
                .update();
    }

    void setPassword(long id, String passwordHash) {
        existing(id);
        jdbc.sql("update users set password_hash = :h where id = :id")
                .param("h", passwordHash)
                .param("id", id)
                .update();
    }

    private Listed existing(long id) {
        return one(id).orElseThrow(() -> new Refused("user", "There is no user " + id + "."));
    }

    /** Refuses a change that would leave no enabled installation admin. */
    private void keepAnAdmin(Listed user, String field, String remedy) {
        List<Long> admins = jdbc.sql("select id from users where role = 'ADMIN' and enabled order by id for update")
                .query(Long.class)
                .list();
        if (admins.size() == 1 && admins.getFirst() == user.id()) {
            throw new Refused(
                    field,
                    user.email() + " is the last enabled installation admin: without one nobody could manage users"
                            + " or operations; " + remedy + ".");
        }
    }

    /** An installation admin has every account: rows for them would only confuse a later demotion. */
    private void replaceAccounts(long id, Role role, Map<String, Role> accounts) {
        jdbc.sql("delete from account_roles where user_id = :id")
                .param("id", id)
                .update();
        if (role == Role.ADMIN) {
            return;
        }
        accounts.forEach((account, accountRole) -> jdbc.sql(
                        "insert into account_roles (user_id, account_id, role) values (:id, :a, :r)")
                .param("id", id)
                .param("a", account)
                .param("r", accountRole.name())
                .update());
    }
}
