package dev.storyline.telegram.access;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Which team chat receives an account's manual posts, for installations serving several brands
 * with different teams: {@code TELEGRAM_ACCOUNT_CHATS=brand-a=-1001234,brand-b=@brandbteam}. An
 * account not listed uses TELEGRAM_CHANNEL_ID. Checked at start-up, so a typo names itself instead
 * of sending a brand's posts to the wrong team.
 */
@ConfigurationProperties("storyline.telegram")
public final class AccountChats {

    private static final Pattern ACCOUNT = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");
    private static final Pattern CHAT = Pattern.compile("-?\\d{1,20}|@[A-Za-z][A-Za-z0-9_]{3,31}");

    /** Parsed once, at start-up, where a typo stops the worker. */
    private final Map<String, String> chats;

    public AccountChats(String accountChats) {
        this.chats = parse(accountChats);
    }

    /** The account's own chat, or {@code fallback} (TELEGRAM_CHANNEL_ID). */
    public String chatFor(String accountId, String fallback) {
        return chats.getOrDefault(accountId, fallback);
    }

    /** Every account chat, for telling a configured chat from a stranger's. */
    public java.util.Collection<String> all() {
        return chats.values();
    }

    static Map<String, String> parse(String value) {
        Map<String, String> chats = new LinkedHashMap<>();
        if (value == null || value.isBlank()) {
            return chats;
        }
        for (String entry : value.split(",")) {
            String trimmed = entry.strip();
            int eq = trimmed.indexOf('=');
            String account = eq < 0 ? trimmed : trimmed.substring(0, eq).strip();
            String chat = eq < 0 ? "" : trimmed.substring(eq + 1).strip();
            if (!ACCOUNT.matcher(account).matches() || !CHAT.matcher(chat).matches()) {
                throw new IllegalArgumentException(
                        "TELEGRAM_ACCOUNT_CHATS: '" + trimmed + "' is not <account id>=<chat id or "
                                + "@channel> (e.g. brand-a=-1001234567890,brand-b=@brandbteam)");
            }
            if (chats.put(account, chat) != null) {
                throw new IllegalArgumentException("TELEGRAM_ACCOUNT_CHATS names account '" + account + "' twice");
            }
        }
        return Map.copyOf(chats);
    }
}
