package dev.storyline.telegram;

import dev.storyline.testkit.perimeter.PerimeterBypassContract;
import org.springframework.boot.test.context.SpringBootTest;

/** telegram-worker serves no API of its own: everything but the probes is refused. */
@TelegramTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "storyline.telegram.bot-token=",
            "storyline.telegram.channel-id=",
            "storyline.telegram.admin-chat-id=",
            "storyline.telegram.media-root=",
            "storyline.telegram.dlq-check.enabled=false",
            PerimeterBypassContract.ADMIN_PROPERTY,
            PerimeterBypassContract.INTERNAL_PROPERTY
        })
class TelegramPerimeterTest extends PerimeterBypassContract {}
