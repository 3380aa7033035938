package dev.storyline.telegram.manual;

import java.nio.file.Path;

/** @param file the media to upload; null for {@link MessageKind#TEXT} */
record OutgoingMessage(MessageKind kind, Path file, String text) {
}
