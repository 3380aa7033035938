package dev.storyline.telegram.callbacks;

/** What a Telegram user may do with manual posts and commands (members: read-only commands). */
public enum Role {
    /** Every button, including Reject (it locks the media for good). */
    ADMIN,
    /** Posted and Skip. */
    MEMBER,
    NONE;

    public static Role of(long userId, java.util.List<Long> admins, java.util.List<Long> members) {
        if (admins.contains(userId)) {
            return ADMIN;
        }
        return members.contains(userId) ? MEMBER : NONE;
    }
}
