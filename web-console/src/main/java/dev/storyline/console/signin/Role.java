package dev.storyline.console.signin;

/** What a console user may do: members handle manual posts, admins also pause, resume and force posts. */
public enum Role {
    ADMIN,
    MEMBER;

    /** The Spring Security authority of this role. */
    public String authority() {
        return "ROLE_" + name();
    }
}
