package dev.storyline.console.users;

import dev.storyline.console.signin.ConsoleUsers;
import dev.storyline.console.signin.Role;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * What the Users forms send, read and checked: every refusal names its field ({@code email}, {@code role},
 * {@code account.<id>}, {@code password}, {@code confirm}) and what is allowed there.
 */
final class UserForm {

    static final int MIN_PASSWORD = 12;
    /** BCrypt reads at most 72 bytes; a longer password would be cut without a word. */
    static final int MAX_PASSWORD_BYTES = 72;

    static final String ACCOUNT_PREFIX = "account.";

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern ACCOUNT_ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");
    private static final int MAX_EMAIL = 254;

    private UserForm() {}

    /** The normalised email, or null with the refusal in errors. */
    static String email(String raw, Map<String, String> errors) {
        String email = ConsoleUsers.normalise(raw);
        if (email.isEmpty()) {
            errors.put("email", "Enter an email address.");
        } else if (email.length() > MAX_EMAIL || !EMAIL.matcher(email).matches()) {
            errors.put("email", "Enter an email address like ann@example.com (at most " + MAX_EMAIL + " characters).");
        } else {
            return email;
        }
        return null;
    }

    /** The installation role: admin or member, any case. */
    static Role role(String raw, Map<String, String> errors) {
        if (raw != null) {
            switch (raw.strip().toLowerCase(Locale.ROOT)) {
                case "admin" -> {
                    return Role.ADMIN;
                }
                case "member" -> {
                    return Role.MEMBER;
                }
                default -> {}
            }
        }
        errors.put("role", "Choose admin (the whole installation) or member (only the accounts granted below).");
        return null;
    }

    /**
     * The account roles sent as {@code account.<id>=none|member|admin}; "none" and empty grant nothing.
     * Sorted by account id.
     */
    static Map<String, Role> accounts(Map<String, String> params, Map<String, String> errors) {
        Map<String, Role> accounts = new TreeMap<>();
        for (Map.Entry<String, String> e : params.entrySet()) {
            if (!e.getKey().startsWith(ACCOUNT_PREFIX)) {
                continue;
            }
            String account = e.getKey().substring(ACCOUNT_PREFIX.length());
            if (!ACCOUNT_ID.matcher(account).matches()) {
                errors.put(e.getKey(), "Not an account id: 1 to 63 lower-case letters, digits, - or _.");
                continue;
            }
            String value = e.getValue() == null ? "" : e.getValue().strip().toLowerCase(Locale.ROOT);
            switch (value) {
                case "", "none" -> {}
                case "member" -> accounts.put(account, Role.MEMBER);
                case "admin" -> accounts.put(account, Role.ADMIN);
                default -> errors.put(e.getKey(), "Choose none, member or admin for " + account + ".");
            }
        }
        return accounts;
    }

    /**
     * A new password typed twice, or null with the refusal in errors (field password or confirm). Kept as
     * typed: spaces count.
     */
    static String password(String password, String confirm, Map<String, String> errors) {
        if (password == null || password.isEmpty()) {
            errors.put("password", "Enter a password of at least " + MIN_PASSWORD + " characters.");
        } else if (password.codePointCount(0, password.length()) < MIN_PASSWORD) {
            errors.put("password", "Too short: at least " + MIN_PASSWORD + " characters.");
        } else if (password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            errors.put("password", "Too long: at most " + MAX_PASSWORD_BYTES + " bytes (72 plain letters or digits).");
        } else if (!password.equals(confirm)) {
            errors.put("confirm", "The two passwords differ: type the same password twice.");
        } else {
            return password;
        }
        return null;
    }

    /** The form's values, to show a refused form again as it was sent (never the passwords). */
    static Map<String, String> echo(Map<String, String> params) {
        Map<String, String> echo = new LinkedHashMap<>(params);
        echo.remove("password");
        echo.remove("confirm");
        echo.remove("current");
        echo.remove("_csrf");
        return echo;
    }
}
