package dev.storyline.telegram.manual;

import java.nio.file.Path;

/** @param file the media to upload; null for {@link MessageKind#TEXT} */
record OutgoingMessage(MessageKind kind, Path file, String text) {

    /** Within the same limits the composer keeps (room left for the outcome line). */
    OutgoingMessage prefixed(String prefix) {
        int max = kind.hasCaption() ? 1024 - 160 : 4096 - 160;
        return new OutgoingMessage(kind, file, MessageComposer.truncate(prefix + text, max));
    }
}
