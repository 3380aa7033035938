package dev.storyline.telegram.manual;

import dev.storyline.telegram.TelegramProperties;
import dev.storyline.telegram.access.CallbackSigner;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardButton;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardRow;

/** The buttons under a manual post: the decision, and the confirmation step Reject goes through. */
@Component
public class Keyboards {

    private final String instagramUrl;
    private final CallbackSigner signer;

    public Keyboards(TelegramProperties properties, CallbackSigner signer) {
        this.instagramUrl = properties.instagramUrl();
        this.signer = signer;
    }

    public InlineKeyboardMarkup decision(UUID postId, boolean autoPost) {
        InlineKeyboardRow second = new InlineKeyboardRow(InlineKeyboardButton.builder()
                .text("📱 Open Instagram")
                .url(instagramUrl)
                .build());
        if (autoPost) {
            second.add(button("🤖 Auto post", CallbackData.Action.AUTO_POST, postId));
        }
        return InlineKeyboardMarkup.builder()
                .keyboardRow(new InlineKeyboardRow(
                        button("✅ Posted", CallbackData.Action.POSTED, postId),
                        button("⏭ Skip", CallbackData.Action.SKIPPED, postId),
                        button("🚫 Reject", CallbackData.Action.ASK_REJECT, postId)))
                .keyboardRow(second)
                .build();
    }

    /** Rejecting locks the media for good, so it takes a second, deliberate tap. */
    public InlineKeyboardMarkup confirmReject(UUID postId) {
        return InlineKeyboardMarkup.builder()
                .keyboardRow(new InlineKeyboardRow(
                        button("🚫 Yes, reject for good", CallbackData.Action.CONFIRM_REJECT, postId),
                        button("↩ Back", CallbackData.Action.BACK, postId)))
                .build();
    }

    private InlineKeyboardButton button(String text, CallbackData.Action action, UUID postId) {
        return InlineKeyboardButton.builder()
                .text(text)
                .callbackData(signer.sign(new CallbackData(action, postId).encode()))
                .build();
    }
}
