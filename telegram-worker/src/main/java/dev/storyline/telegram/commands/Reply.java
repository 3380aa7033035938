package dev.storyline.telegram.commands;

import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;

/** What a command answers: text, and buttons for /resume. */
record Reply(String text, InlineKeyboardMarkup keyboard) {

    /** Telegram's limit is 4096 characters per message. */
    private static final int MAX_TEXT = 4000;

    static Reply of(String text) {
        return new Reply(text, null);
    }

    /** A long answer (many accounts, a long history) is cut rather than refused by Telegram. */
    String sendableText() {
        return text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT - 1) + "…";
    }
}
