package dev.storyline.telegram.commands;

import org.telegram.telegrambots.meta.api.objects.User;
import org.telegram.telegrambots.meta.api.objects.chat.Chat;

/** Who asked, and where: what they may see and change. */
record Asker(User user, Chat chat) {}
