package dev.storyline.telegram.callbacks;

import dev.storyline.telegram.botapi.BotApi;
import dev.storyline.telegram.botapi.BotApiException;
import dev.storyline.telegram.manual.ManualPost;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;

/**
 * The post's message in the chat, changed after a tap. The decision is already recorded by then, so a
 * failed edit is logged, never thrown back at the tap.
 */
@Component
class PostMessage {

    private static final Logger log = LoggerFactory.getLogger(PostMessage.class);

    private final BotApi bot;

    PostMessage(BotApi bot) {
        this.bot = bot;
    }

    /** The outcome on the message itself, so the whole chat sees who did what; the buttons go. */
    void edit(ManualPost post, String text, InlineKeyboardMarkup keyboard) {
        try {
            if (post.kind().hasCaption()) {
                bot.editCaption(post.chatId(), post.messageId(), text, keyboard);
            } else {
                bot.editText(post.chatId(), post.messageId(), text, keyboard);
            }
        } catch (BotApiException e) {
            // The decision is recorded and its event is on its way; a stale message is cosmetic.
            log.warn("could not edit the message of post {}: {}", post.postId(), e.getMessage());
        }
    }

    void editKeyboard(ManualPost post, InlineKeyboardMarkup keyboard) {
        try {
            bot.editKeyboard(post.chatId(), post.messageId(), keyboard);
        } catch (BotApiException e) {
            if (!e.notModified()) {
                log.warn("could not change the buttons of post {}: {}", post.postId(), e.getMessage());
            }
        }
    }
}
