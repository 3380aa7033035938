package dev.storyline.telegram.access;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Who may act for which account, for installations where each brand has its own team:
 * {@code TELEGRAM_ACCOUNT_USERS=brand-a:admin:111,brand-a:member:222,brand-b:admin:333}. Users named
 * here see and act on their accounts only; TELEGRAM_ADMIN_USER_IDS / TELEGRAM_MEMBER_USER_IDS stay
 * global (every account). Checked at start-up, so a typo names itself.
 */
@ConfigurationProperties("storyline.telegram")
public final class AccountUsers {

    private static final Pattern ENTRY = Pattern.compile("([a-z0-9][a-z0-9_-]{0,62}):(admin|member):(\\d{1,20})");

    /** user → account → role: TeamAccess asks about one user at a time. */
    private final Map<Long, Map<String, Role>> byUser;

    public AccountUsers(String accountUsers) {
        this.byUser = parse(accountUsers);
    }

    /** The accounts this user is named for, with their role there; global roles are TeamAccess's to add. */
    Map<String, Role> accountsOf(long userId) {
        return byUser.getOrDefault(userId, Map.of());
    }

    boolean isEmpty() {
        return byUser.isEmpty();
    }

    static Map<Long, Map<String, Role>> parse(String value) {
        Map<Long, Map<String, Role>> roles = new HashMap<>();
        if (value == null || value.isBlank()) {
            return Map.of();
        }
        for (String entry : value.split(",")) {
            String trimmed = entry.strip();
            var matcher = ENTRY.matcher(trimmed);
            if (!matcher.matches()) {
                throw new IllegalArgumentException(
                        "TELEGRAM_ACCOUNT_USERS: '" + trimmed + "' is not <account id>:<admin or "
                                + "member>:<Telegram user id> (e.g. brand-a:admin:111,brand-b:member:222)");
            }
            Role role = matcher.group(2).equals("admin") ? Role.ADMIN : Role.MEMBER;
            Role before = roles.computeIfAbsent(Long.parseLong(matcher.group(3)), u -> new HashMap<>())
                    .put(matcher.group(1), role);
            if (before != null) {
                throw new IllegalArgumentException("TELEGRAM_ACCOUNT_USERS names user " + matcher.group(3)
                        + " twice for account '" + matcher.group(1) + "'");
            }
        }
        Map<Long, Map<String, Role>> copy = new HashMap<>();
        roles.forEach((user, accounts) -> copy.put(user, Map.copyOf(accounts)));
        return Map.copyOf(copy);
    }
}
