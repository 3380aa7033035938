package dev.storyline.console.signin;

/**
 * A role, at two levels. As a user's installation role: ADMIN has every account, Operations, Connect Instagram
 * and Users; MEMBER only the accounts granted. As a role on one account: ADMIN runs it (pause, resume, post
 * next, mix and schedule, library), MEMBER reads it and resolves its manual posts.
 */
public enum Role {
    ADMIN,
    MEMBER;

    /** The Spring Security authority of this role. */
    public String authority() {
        return "ROLE_" + name();
    }
}
