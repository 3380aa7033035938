package dev.storyline.telegram.manual;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * What a button sends back, within Telegram's 64-byte {@code callback_data}: one action letter, a
 * colon and the post id as unpadded base64url (22 characters), 24 bytes, then the signature
 * {@code CallbackSigner} adds. Anything else parses to empty and is answered as stale.
 */
public record CallbackData(Action action, UUID postId) {

    public enum Action {
        POSTED('P'),
        SKIPPED('S'),
        ASK_REJECT('R'),
        CONFIRM_REJECT('X'),
        BACK('B'),
        AUTO_POST('A');

        private final char code;

        Action(char code) {
            this.code = code;
        }

        static Optional<Action> of(char code) {
            for (Action action : values()) {
                if (action.code == code) {
                    return Optional.of(action);
                }
            }
            return Optional.empty();
        }
    }

    public String encode() {
        ByteBuffer bytes = ByteBuffer.allocate(16);
        bytes.putLong(postId.getMostSignificantBits()).putLong(postId.getLeastSignificantBits());
        return action.code + ":" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
    }

    public static Optional<CallbackData> parse(String data) {
        if (data == null || data.length() != 24 || data.charAt(1) != ':') {
            return Optional.empty();
        }
        Optional<Action> action = Action.of(data.charAt(0));
        if (action.isEmpty()) {
            return Optional.empty();
        }
        try {
            ByteBuffer bytes = ByteBuffer.wrap(Base64.getUrlDecoder().decode(data.substring(2)));
            return Optional.of(new CallbackData(action.get(), new UUID(bytes.getLong(), bytes.getLong())));
        } catch (IllegalArgumentException | java.nio.BufferUnderflowException e) {
            return Optional.empty();
        }
    }
}
