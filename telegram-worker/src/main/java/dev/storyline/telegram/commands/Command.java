package dev.storyline.telegram.commands;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.telegram.telegrambots.meta.api.objects.commands.BotCommand;

/** The command menu, in the order Telegram shows it. */
enum Command {
    STATUS("status", "[account]", "health, pause state, next slot and content left", false),
    QUEUE("queue", "[account]", "the next planned and in-flight posts", false),
    STATS("stats", "[account]", "library and posting figures", false),
    HISTORY("history", "[N] [account]", "the last N posts (default 10)", false),
    LOCKS("locks", "[account]", "media locked against reposting", false),
    NEXT("next", "[account]", "post the next slot now (admins)", true),
    PAUSE("pause", "[account]", "pause posting (admins)", true),
    RESUME(
            "resume",
            "[account] [drop|reschedule|force]",
            "resume posting, choosing what happens to overdue slots (admins)",
            true),
    SCHEDULE("schedule", "N [account]", "plan N days ahead (admins)", true),
    HELP("help", "", "this list", false);

    final String name;
    final String usage;
    final String description;
    final boolean adminOnly;

    Command(String name, String usage, String description, boolean adminOnly) {
        this.name = name;
        this.usage = usage;
        this.description = description;
        this.adminOnly = adminOnly;
    }

    static Optional<Command> of(String name) {
        return Arrays.stream(values()).filter(c -> c.name.equals(name)).findFirst();
    }

    static List<BotCommand> menu() {
        return Arrays.stream(values())
                .map(c -> new BotCommand(c.name, c.description))
                .toList();
    }
}
