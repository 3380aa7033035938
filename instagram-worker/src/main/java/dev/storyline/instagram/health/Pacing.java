package dev.storyline.instagram.health;

/**
 * This instance's own pacing of publishes, as the health endpoint shows it. An interface here so
 * that health depends on nothing in quota (quota records Meta's quota into health).
 */
public interface Pacing {

    /** INSTAGRAM_POSTS_PER_HOUR. */
    int postsPerHour();

    /** Publishes this instance may still start for the account within the current hour. */
    int availablePermissions(String accountId);
}
