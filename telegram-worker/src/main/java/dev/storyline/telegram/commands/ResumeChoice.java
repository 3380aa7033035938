package dev.storyline.telegram.commands;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A button under /resume's question: {@code O<D|R|F>:<account>}, within Telegram's 64 bytes for an
 * account id of up to 61 characters (longer ids get no buttons, the command takes the choice as an
 * argument instead). Its second character is never a colon, so it cannot be mistaken for a manual
 * post's {@code CallbackData}.
 */
public record ResumeChoice(SchedulerClient.Overdue overdue, String accountId) {

    static final int MAX_BYTES = 64;

    public String encode() {
        return "O" + overdue.name().charAt(0) + ":" + accountId;
    }

    static boolean fits(String accountId) {
        return new ResumeChoice(SchedulerClient.Overdue.DROP, accountId).encode().getBytes(StandardCharsets.UTF_8).length
                <= MAX_BYTES;
    }

    public static Optional<ResumeChoice> parse(String data) {
        if (data == null || data.length() < 4 || data.charAt(0) != 'O' || data.charAt(2) != ':') {
            return Optional.empty();
        }
        String account = data.substring(3);
        if (!SchedulerClient.validAccountId(account)) {
            return Optional.empty();
        }
        for (SchedulerClient.Overdue overdue : SchedulerClient.Overdue.values()) {
            if (overdue.name().charAt(0) == data.charAt(1)) {
                return Optional.of(new ResumeChoice(overdue, account));
            }
        }
        return Optional.empty();
    }
}
