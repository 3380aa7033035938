package dev.storyline.telegram.access;

import dev.storyline.telegram.callbacks.Role;
import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Who may act for which account, for installations where each brand has its own team:
 * {@code TELEGRAM_ACCOUNT_USERS=brand-a:admin:111,brand-a:member:222,brand-b:admin:333}. Users named
 * here see and act on their accounts only; TELEGRAM_ADMIN_USER_IDS / TELEGRAM_MEMBER_USER_IDS stay
 * global (every account). Checked at start-up, so a typo names itself.
 */
@ConfigurationProperties("storyline.telegram")
public final class AccountUsers {

    private static final Pattern ENTRY = Pattern.compile("([a-z0-9][a-z0-9_-]{0,62}):(admin|member):(\\d{1,20})");

    /** account → user → role. */
    private final Map<String, Map<Long, Role>> roles;

    public AccountUsers(String accountUsers) {
        this.roles = parse(accountUsers);
    }

    Role roleOf(long userId, String accountId) {
        return roles.getOrDefault(accountId, Map.of()).getOrDefault(userId, Role.NONE);
    }

    boolean knows(long userId) {
        return roles.values().stream().anyMatch(users -> users.containsKey(userId));
    }

    boolean isAdminSomewhere(long userId) {
        return roles.values().stream().anyMatch(users -> users.get(userId) == Role.ADMIN);
    }

    boolean isEmpty() {
        return roles.isEmpty();
    }

    static Map<String, Map<Long, Role>> parse(String value) {
        Map<String, Map<Long, Role>> roles = new HashMap<>();
        if (value == null || value.isBlank()) {
            return Map.of();
        }
        for (String entry : value.split(",")) {
            String trimmed = entry.strip();
            var matcher = ENTRY.matcher(trimmed);
            if (!matcher.matches()) {
                throw new IllegalArgumentException("TELEGRAM_ACCOUNT_USERS: '" + trimmed + "' is not <account id>:<admin or "
                        + "member>:<Telegram user id> (e.g. brand-a:admin:111,brand-b:member:222)");
            }
            Role role = matcher.group(2).equals("admin") ? Role.ADMIN : Role.MEMBER;
            Role before = roles.computeIfAbsent(matcher.group(1), a -> new HashMap<>())
                    .put(Long.parseLong(matcher.group(3)), role);
            if (before != null) {
                throw new IllegalArgumentException("TELEGRAM_ACCOUNT_USERS names user " + matcher.group(3) + " twice for account '"
                        + matcher.group(1) + "'");
            }
        }
        Map<String, Map<Long, Role>> copy = new HashMap<>();
        roles.forEach((account, users) -> copy.put(account, Map.copyOf(users)));
        return Map.copyOf(copy);
    }
}
