package dev.storyline.console.connect;

/** Meta's two ways to obtain a token that may publish; token-worker refreshes each at its own endpoint. */
public enum LoginType {
    INSTAGRAM("instagram_login", "Instagram Login", "instagram_business_content_publish"),
    FACEBOOK("facebook_login", "Facebook Login for Business", "instagram_content_publish");

    private final String wireName;
    private final String label;
    private final String publishPermission;

    LoginType(String wireName, String label, String publishPermission) {
        this.wireName = wireName;
        this.label = label;
        this.publishPermission = publishPermission;
    }

    /** As token-worker's admin API names it. */
    public String wireName() {
        return wireName;
    }

    public String label() {
        return label;
    }

    /** Without this permission the token could read but never post a story. */
    public String publishPermission() {
        return publishPermission;
    }

    /** The login type a form names (instagram or facebook), or null for anything else. */
    static LoginType fromForm(String value) {
        if ("instagram".equals(value)) {
            return INSTAGRAM;
        }
        return "facebook".equals(value) ? FACEBOOK : null;
    }

    public String formName() {
        return this == INSTAGRAM ? "instagram" : "facebook";
    }
}
