package dev.storyline.telegram.commands;

import dev.storyline.telegram.TelegramProperties;
import dev.storyline.telegram.botapi.BotApi;
import dev.storyline.telegram.botapi.BotApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Registers the commands in Telegram's menu once the worker is up; a failure is logged, not fatal. */
@Component
class CommandMenu {

    private static final Logger log = LoggerFactory.getLogger(CommandMenu.class);

    private final BotApi bot;
    private final TelegramProperties properties;

    CommandMenu(BotApi bot, TelegramProperties properties) {
        this.bot = bot;
        this.properties = properties;
    }

    @EventListener(ApplicationReadyEvent.class)
    void register() {
        if (properties.logOnly()) {
            return;
        }
        try {
            bot.setMyCommands(Command.menu());
            log.info("command menu registered ({} commands)", Command.menu().size());
        } catch (BotApiException | RuntimeException e) {
            log.warn("could not register the command menu; commands still work when typed: {}", e.getMessage());
        }
    }
}
