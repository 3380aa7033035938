package dev.storyline.telegram.commands;

import dev.storyline.telegram.scheduler.SchedulerClient;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.telegram.telegrambots.meta.api.objects.message.Message;

/**
 * A chat message read as a command: {@code /name[@bot] words…}. The {@code @bot} suffix is what
 * Telegram appends when a command is picked from the menu in a group, so it is dropped.
 */
record CommandLine(String name, List<String> words) {

    /** True if the message is a command (then it was answered). */
    static boolean isCommand(Message message) {
        return message != null
                && message.getText() != null
                && message.getText().startsWith("/")
                && message.getFrom() != null;
    }

    static CommandLine parse(String text) {
        String[] words = text.strip().split("\\s+");
        String name = words[0].substring(1);
        int at = name.indexOf('@');
        if (at >= 0) {
            name = name.substring(0, at);
        }
        return new CommandLine(name, List.of(words).subList(1, words.length));
    }

    /** The command as typed, for the logs. */
    static String firstWord(String text) {
        return text == null ? "" : text.strip().split("\\s+")[0];
    }

    /** Free-order arguments: a number, an overdue choice, an account id. */
    record Args(Integer number, SchedulerClient.Overdue overdue, String account, String unknown) {

        static Args parse(List<String> words) {
            Integer number = null;
            SchedulerClient.Overdue overdue = null;
            String account = null;
            for (String word : words) {
                if (word.matches("-?\\d{1,6}") && number == null) {
                    number = Integer.parseInt(word);
                } else if (overdue == null
                        && Arrays.stream(SchedulerClient.Overdue.values())
                                .anyMatch(o -> o.name().equalsIgnoreCase(word))) {
                    overdue = SchedulerClient.Overdue.valueOf(word.toUpperCase(Locale.ROOT));
                } else if (account == null && SchedulerClient.validAccountId(word)) {
                    account = word;
                } else {
                    return new Args(null, null, null, word);
                }
            }
            return new Args(number, overdue, account, null);
        }
    }
}
