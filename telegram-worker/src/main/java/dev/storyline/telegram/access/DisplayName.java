package dev.storyline.telegram.access;

import org.telegram.telegrambots.meta.api.objects.User;

/**
 * How the chat names the person who did something (resumed, marked posted, handed to the API): the
 * whole team reads it, so the @username they know, else their name, else the bare id.
 */
public final class DisplayName {

    private DisplayName() {}

    public static String of(User user) {
        if (user.getUserName() != null && !user.getUserName().isBlank()) {
            return "@" + user.getUserName();
        }
        String name = ((user.getFirstName() == null ? "" : user.getFirstName()) + " "
                        + (user.getLastName() == null ? "" : user.getLastName()))
                .strip();
        return name.isEmpty() ? "user " + user.getId() : name;
    }
}
