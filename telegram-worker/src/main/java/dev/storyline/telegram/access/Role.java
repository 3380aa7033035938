package dev.storyline.telegram.access;

/** What a Telegram user may do with manual posts and commands (members: read-only commands). */
public enum Role {
    /** Every button, including Reject (it locks the media for good). */
    ADMIN,
    /** Posted and Skip. */
    MEMBER,
    NONE
}
