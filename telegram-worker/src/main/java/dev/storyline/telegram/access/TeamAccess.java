package dev.storyline.telegram.access;

import dev.storyline.telegram.TelegramProperties;
import org.springframework.stereotype.Component;
import org.telegram.telegrambots.meta.api.objects.chat.Chat;

/**
 * Who may see and do what, and where. A user's role is per account (global admins and members have it
 * for every account); a chat serves the accounts whose posts go there (the admin chat serves all).
 * Commands and taps need both: a brand-B member in any chat, or anybody in brand B's chat, never sees
 * or changes brand A.
 */
@Component
public class TeamAccess {

    private final TelegramProperties properties;
    private final AccountChats chats;
    private final AccountUsers users;

    public TeamAccess(TelegramProperties properties, AccountChats chats, AccountUsers users) {
        this.properties = properties;
        this.chats = chats;
        this.users = users;
        if (!properties.logOnly()
                && properties.adminUserIds().isEmpty()
                && properties.memberUserIds().isEmpty()
                && users.isEmpty()) {
            throw new IllegalArgumentException(
                    "TELEGRAM_BOT_TOKEN is set: set TELEGRAM_ADMIN_USER_IDS, TELEGRAM_MEMBER_USER_IDS "
                            + "(comma-separated Telegram user ids) and/or TELEGRAM_ACCOUNT_USERS, or nobody could act on a post");
        }
    }

    /**
     * The one place a role is decided: a global admin is admin everywhere; an account's own admin
     * outranks a global member, who is a member everywhere else.
     */
    public Role roleOf(long userId, String accountId) {
        if (properties.adminUserIds().contains(userId)) {
            return Role.ADMIN;
        }
        Role own = users.accountsOf(userId).getOrDefault(accountId, Role.NONE);
        if (own == Role.ADMIN) {
            return own;
        }
        return properties.memberUserIds().contains(userId) ? Role.MEMBER : own;
    }

    /** Somebody with a role for at least one account. */
    public boolean knows(long userId) {
        return properties.adminUserIds().contains(userId)
                || properties.memberUserIds().contains(userId)
                || !users.accountsOf(userId).isEmpty();
    }

    public boolean isAdminSomewhere(long userId) {
        return properties.adminUserIds().contains(userId)
                || users.accountsOf(userId).containsValue(Role.ADMIN);
    }

    /** The chat receiving the account's manual posts. */
    public String chatOf(String accountId) {
        return chats.chatFor(accountId, properties.channelId());
    }

    /** A chat this bot works in: the channel, the admin chat or an account's chat. */
    public boolean configured(Chat chat) {
        return same(properties.channelId(), chat)
                || same(properties.adminChatId(), chat)
                || chats.all().stream().anyMatch(configured -> same(configured, chat));
    }

    /** Whether a chat may show or act on the account: its own chat, or the admin chat. */
    public boolean serves(Chat chat, String accountId) {
        return same(properties.adminChatId(), chat) || same(chatOf(accountId), chat);
    }

    public boolean sees(long userId, Chat chat, String accountId) {
        return roleOf(userId, accountId) != Role.NONE && serves(chat, accountId);
    }

    /** A configured chat is a numeric id or an @username; Telegram reports the id and, for public chats, the username. */
    public static boolean same(String configured, Chat chat) {
        if (configured == null || configured.isBlank() || chat == null) {
            return false;
        }
        if (configured.startsWith("@")) {
            return chat.getUserName() != null && configured.substring(1).equalsIgnoreCase(chat.getUserName());
        }
        return configured.equals(String.valueOf(chat.getId()));
    }
}
