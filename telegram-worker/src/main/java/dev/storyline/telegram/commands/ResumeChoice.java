package dev.storyline.telegram.commands;

import dev.storyline.telegram.access.CallbackSigner;
import dev.storyline.telegram.scheduler.SchedulerClient;
import java.util.Optional;

/**
 * A button under /resume's question: {@code O<D|R|F>:<account>}, signed, within Telegram's 64 bytes for an
 * account id of up to 44 characters (longer ids get no buttons, the command takes the choice as an
 * argument instead). Its second character is never a colon, so it cannot be mistaken for a manual
 * post's {@code CallbackData}.
 */
public record ResumeChoice(SchedulerClient.Overdue overdue, String accountId) {

    public String encode() {
        return "O" + overdue.name().charAt(0) + ":" + accountId;
    }

    /** Signed (see CallbackSigner) it must still fit in 64 bytes: account ids up to 44 characters. */
    static boolean fits(String accountId) {
        return CallbackSigner.fits(new ResumeChoice(SchedulerClient.Overdue.DROP, accountId).encode());
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
